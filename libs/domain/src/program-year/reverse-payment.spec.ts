import { ProgramYearHarness, person, refusalOf } from './program-year.fixtures';
import { decideReversePayment, type ReversePayment } from './reverse-payment';
import { availableOf, outstandingOf } from './program-year';

function approvedBatch(): ProgramYearHarness {
  const h = new ProgramYearHarness().open().allocate('upper', '133500.00').allocate('county', '74500.00');
  h.enroll(person(1), 'residential');
  h.draft('b1', 'li', 'payOutstanding');
  h.approve('b1', 'wang');
  return h;
}

const reversal = (overrides: Partial<ReversePayment['data']> = {}): ReversePayment => ({
  type: 'ReversePayment',
  data: {
    programCode: 'care-services',
    year: 2024,
    batchId: 'b1',
    lineNo: 1,
    reason: '死亡停发 deceased',
    ...overrides,
  },
});

describe('ReversePayment (冲正)', () => {
  it.each(['approved', 'paid'])(
    'undoes a line that is %s: the money goes back to the person and the funds',
    (status) => {
      const h = approvedBatch();
      if (status === 'paid') h.bankReturn('b1', [{ lineNo: 1, result: 'paid' }]);

      const events = decideReversePayment(reversal(), h.state);
      h.reverse('b1', 1);

      expect(events).toEqual([
        {
          type: 'PaymentReversed',
          data: {
            batchId: 'b1',
            programCode: 'care-services',
            year: 2024,
            lineId: 'b1-1',
            lineNo: 1,
            personId: person(1).personId,
            amount: '12000.00',
            funding: { upper: '7701.92', county: '4298.08' }, // 12000 × 133500/208000 = 7701.923…
            reason: '死亡停发 deceased',
          },
        },
      ]);
      expect(outstandingOf(h.state, person(1).personId).toFixed(2)).toBe('12000.00');
      expect(availableOf(h.state, 'upper').toFixed(2)).toBe('133500.00');
      expect(availableOf(h.state, 'county').toFixed(2)).toBe('74500.00');
      expect(h.state.batches.get('b1')!.lines.get(1)!.status).toBe('reversed');
    },
  );

  it('requires a reason (400)', () => {
    const error = refusalOf(() => decideReversePayment(reversal({ reason: '' }), approvedBatch().state));
    expect(error.kind).toBe('validation');
    expect(error.errors?.[0]?.field).toBe('reason');
  });

  it('refuses a line that no approved batch has (404)', () => {
    const h = approvedBatch();
    expect(refusalOf(() => decideReversePayment(reversal({ lineNo: 2 }), h.state)).kind).toBe('not-found');
    expect(refusalOf(() => decideReversePayment(reversal({ batchId: 'b2' }), h.state)).kind).toBe(
      'not-found',
    );
  });

  it('refuses a line reversed already, or failed at the bank (409): its money went back then', () => {
    const reversed = approvedBatch();
    reversed.reverse('b1', 1);
    const failed = approvedBatch();
    failed.bankReturn('b1', [{ lineNo: 1, result: 'failed', reason: '账户已销户' }]);

    expect(refusalOf(() => decideReversePayment(reversal(), reversed.state)).kind).toBe('conflict');
    expect(refusalOf(() => decideReversePayment(reversal(), failed.state)).kind).toBe('conflict');
  });
});
