import { digestLines } from '../disbursement/digest-lines';
import { ProgramYearHarness, person, refusalOf } from './program-year.fixtures';
import { decideApprovePaymentBatch } from './approve-payment-batch';
import { availableOf, outstandingOf } from './program-year';

/** Care 2024 opened and fully funded, three home-care persons (2,000 each) enrolled. */
function funded(): ProgramYearHarness {
  return new ProgramYearHarness()
    .open()
    .allocate('upper', '133500.00')
    .allocate('county', '74500.00')
    .enroll(person(1), 'home')
    .enroll(person(2), 'home')
    .enroll(person(3), 'day');
}

const approve = (h: ProgramYearHarness, batchId: string, approver = 'wang') =>
  decideApprovePaymentBatch(
    { type: 'ApprovePaymentBatch', data: { batch: h.approvableDraft(batchId), approver } },
    h.state,
  );

describe('ApprovePaymentBatch (审核)', () => {
  it('records the payments: totals, the split by source, the plan and the starting point, the lines digest', () => {
    const h = funded();
    h.draft('b1', 'li', [
      [person(1), '2000.00'],
      [person(3), '1500.00'],
    ]);

    const events = approve(h, 'b1');

    expect(events).toEqual([
      {
        type: 'PaymentBatchApproved',
        data: {
          batchId: 'b1',
          programCode: 'care-services',
          year: 2024,
          maker: 'li',
          approver: 'wang',
          lineCount: 2,
          total: '3500.00',
          // 2000 × 133500/208000 = 1283.65; 3500 × 133500/208000 = 2246.39 (half-even to the fen)
          funding: { upper: '2246.39', county: '1253.61' },
          policy: 'proportional',
          plan: { upper: '133500.00', county: '74500.00' },
          disbursedBefore: { upper: '0.00', county: '0.00' },
          linesDigest: digestLines(h.storedDraft('b1').lines),
        },
      },
    ]);
  });

  it('once evolved, the persons are owed less and the sources hold less, line by line', () => {
    const h = funded();
    h.draft('b1', 'li', [
      [person(1), '2000.00'],
      [person(3), '1500.00'],
    ]);
    h.approve('b1', 'wang');

    expect(outstandingOf(h.state, person(1).personId).toFixed(2)).toBe('0.00');
    expect(outstandingOf(h.state, person(3).personId).toFixed(2)).toBe('2500.00');
    expect(availableOf(h.state, 'upper').toFixed(2)).toBe('131253.61');
    expect(availableOf(h.state, 'county').toFixed(2)).toBe('73246.39');
    const lines = [...h.state.batches.get('b1')!.lines.values()];
    expect(
      lines.map((l) => [l.lineId, l.status, l.funding.upper.toFixed(2), l.funding.county.toFixed(2)]),
    ).toEqual([
      ['b1-1', 'approved', '1283.65', '716.35'],
      ['b1-2', 'approved', '962.74', '537.26'],
    ]);
  });

  it('refuses the maker approving their own batch (403)', () => {
    const h = funded();
    h.draft('b1', 'li', 'payOutstanding');
    expect(refusalOf(() => approve(h, 'b1', 'li')).kind).toBe('forbidden');
  });

  it('refuses a batch approved already (409)', () => {
    const h = funded();
    h.draft('b1', 'li', 'payOutstanding');
    h.approve('b1', 'wang');
    expect(refusalOf(() => approve(h, 'b1', 'zhao')).kind).toBe('conflict');
  });

  it('refuses a draft whose chunks are not all written yet (409)', () => {
    const h = funded();
    h.draft('b1', 'li', 'payOutstanding', 250); // one line per chunk
    const stream = h.batchStreams.get('b1')!;
    h.batchStreams.set('b1', stream.slice(0, -1));

    const error = refusalOf(() => approve(h, 'b1'));

    expect(error.kind).toBe('conflict');
    expect(error.message).toContain('2 of 3 lines');
  });

  it('refuses a draft whose lines do not add up to its header (409)', () => {
    const h = funded();
    h.draft('b1', 'li', 'payOutstanding');
    const batch = { ...h.approvableDraft('b1'), total: '1.00' };
    const error = refusalOf(() =>
      decideApprovePaymentBatch({ type: 'ApprovePaymentBatch', data: { batch, approver: 'wang' } }, h.state),
    );
    expect(error.kind).toBe('conflict');
  });

  it('refuses the whole batch when lines ask more than is owed now, counting earlier lines of the batch (422)', () => {
    const h = funded();
    h.draft('b1', 'li', [[person(1), '1500.00']]);
    h.draft('b2', 'li', [
      [person(2), '2000.00'],
      [person(1), '500.00'],
      [person(3), '3000.00'],
      [person(3), '1000.00'],
    ]);
    h.approve('b1', 'wang'); // person 1 now owed 500.00: b2 was drafted before
    h.draft('b3', 'li', [
      [person(1), '500.00'],
      [person(3), '1000.00'],
    ]);
    h.approve('b3', 'wang'); // person 1 owed 0.00, person 3 owed 3000.00

    const error = refusalOf(() => approve(h, 'b2'));

    expect(error.kind).toBe('rule');
    expect(error.errors).toEqual([
      {
        field: 'lines[1].amount',
        message: `line b2-2: 500.00 is more than the 0.00 still owed to ${person(1).certificateNumber}`,
      },
      {
        field: 'lines[3].amount',
        message: `line b2-4: 1000.00 is more than the 0.00 still owed to ${person(3).certificateNumber}`,
      },
    ]);
    expect(outstandingOf(h.state, person(2).personId).toFixed(2)).toBe('2000.00');
  });

  it('refuses the whole batch when a source would go below zero (422), naming the source and the shortfall', () => {
    const h = new ProgramYearHarness().open().allocate('upper', '133500.00').allocate('county', '1000.00');
    h.enroll(person(1), 'day').enroll(person(2), 'home');
    h.draft('b1', 'li', 'payOutstanding'); // 6000.00: upper 3850.96, county 2149.04

    const error = refusalOf(() => approve(h, 'b1'));

    expect(error.kind).toBe('rule');
    expect(error.errors).toEqual([
      {
        field: 'funding.county',
        message: 'county (县级配套) funds: the batch needs 2149.04, 1000.00 available; short by 1149.04',
      },
    ]);
  });

  it('refuses when no money was received yet, naming both sources', () => {
    const h = new ProgramYearHarness().open().enroll(person(1), 'home');
    h.draft('b1', 'li', 'payOutstanding');
    expect(refusalOf(() => approve(h, 'b1')).errors?.map((e) => e.field)).toEqual([
      'funding.upper',
      'funding.county',
    ]);
  });

  it('splits by the program-year’s policy: upper-first spends upper-level money first', () => {
    const h = new ProgramYearHarness().open({ fundingPolicy: 'upper-first' }).allocate('upper', '133500.00');
    h.enroll(person(1), 'residential');
    h.draft('b1', 'li', 'payOutstanding');

    const [event] = approve(h, 'b1');

    expect(event?.data.funding).toEqual({ upper: '12000.00', county: '0.00' });
    expect(event?.data.policy).toBe('upper-first');
  });
});
