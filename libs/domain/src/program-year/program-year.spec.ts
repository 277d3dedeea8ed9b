import { ProgramYearHarness, person } from './program-year.fixtures';
import { decideApprovePaymentBatch } from './approve-payment-batch';
import { evolve, evolveAll, initialProgramYearState, outstandingOf, withLines } from './program-year';

function draftedBatch(): ProgramYearHarness {
  const h = new ProgramYearHarness().open().allocate('upper', '133500.00').allocate('county', '74500.00');
  h.enroll(person(1), 'home').enroll(person(2), 'day');
  h.draft('b1', 'li', 'payOutstanding');
  return h;
}

const approval = (h: ProgramYearHarness) =>
  decideApprovePaymentBatch(
    { type: 'ApprovePaymentBatch', data: { batch: h.approvableDraft('b1'), approver: 'wang' } },
    h.state,
  )[0]!;

describe('program-year state (evolve)', () => {
  it('starts unopened at revision -1 (no stream) and counts every event', () => {
    const h = draftedBatch();
    expect(initialProgramYearState('care-services', 2024).revision).toBe(-1);
    expect(h.state.revision).toBe(h.history.length - 1);
    expect(h.state.config?.programCode).toBe('care-services');
  });

  it('leaves the state it was given untouched', () => {
    const h = draftedBatch();
    const before = h.state;

    const after = evolve(before, withLines(approval(h), h.storedDraft('b1').lines));

    expect(before.batches.size).toBe(0);
    expect(outstandingOf(before, person(1).personId).toFixed(2)).toBe('2000.00');
    expect(outstandingOf(after, person(1).personId).toFixed(2)).toBe('0.00');
  });

  it('folding the history at once gives the same state as event by event', () => {
    const h = draftedBatch();
    h.approve('b1', 'wang');
    h.bankReturn('b1', [{ lineNo: 2, result: 'failed', reason: '卡号错误' }]);

    const lines = h.storedDraft('b1').lines;
    const folded = evolveAll(
      initialProgramYearState('care-services', 2024),
      h.history.map((e) => (e.type === 'PaymentBatchApproved' ? withLines(e, lines) : e)),
    );

    expect(folded.revision).toBe(h.state.revision);
    expect(folded.disbursed.upper.toFixed(2)).toBe(h.state.disbursed.upper.toFixed(2));
    expect(folded.disbursed.county.toFixed(2)).toBe(h.state.disbursed.county.toFixed(2));
    expect(outstandingOf(folded, person(2).personId).toFixed(2)).toBe('4000.00');
  });

  it('refuses to evolve an approval with lines other than the approved ones (a changed draft)', () => {
    const h = draftedBatch();
    const event = approval(h);
    const lines = h.storedDraft('b1').lines;
    const otherAccount = lines.map((l, i) => (i === 0 ? { ...l, bankAccount: '6217000000000000999' } : l));

    expect(() => evolve(h.state, withLines(event, otherAccount))).toThrow(/digest/);
    expect(() => evolve(h.state, withLines(event, lines.slice(1)))).toThrow(/1 lines given, 2 approved/);
  });

  it('refuses to evolve an approval decided against another starting point', () => {
    const h = draftedBatch();
    const event = approval(h);
    const stale = { ...event, data: { ...event.data, disbursedBefore: { upper: '1.00', county: '0.00' } } };
    expect(() => evolve(h.state, withLines(stale, h.storedDraft('b1').lines))).toThrow(
      /approved against disbursed/,
    );
  });
});
