import fc from 'fast-check';
import type { PaymentBatchLine } from '../events/payment-batch-events';
import type { FundingPolicy } from '../events/program-year-events';
import { splitApprovedLines } from './approved-line-splits';
import { FenSplitter } from './fen-splitter';

/** 1234 → "12.34" (test-side formatting, independent of the code under test). */
const money = (fen: number): string => {
  const s = String(fen).padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
};

const line = (amount: number, i: number): PaymentBatchLine => ({
  lineNo: i + 1,
  lineId: `b-${i + 1}`,
  personId: `p${i}`,
  certificateNumber: `c${i}`,
  name: 'n',
  bankAccount: 'a',
  amount: money(amount),
});

const fenArb = (max: number) => fc.integer({ min: 0, max });

describe('FenSplitter', () => {
  it('gives splitApprovedLines (decimal.js) to the fen, for every policy, plan and net disbursed before', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<FundingPolicy>('proportional', 'upper-first', 'county-first'),
        // small and city-sized plans, zero plans, and amounts around them, so clamps and ties happen
        fc.oneof(fenArb(1000), fenArb(2_000_000_000_000)),
        fc.oneof(fenArb(1000), fenArb(2_000_000_000_000)),
        fc.oneof(fenArb(1000), fenArb(1_000_000_000_000)),
        fc.oneof(fenArb(1000), fenArb(1_000_000_000_000)),
        fc.array(fc.oneof(fenArb(500), fenArb(100_000_000)), { maxLength: 60 }),
        (policy, planUpper, planCounty, beforeUpper, beforeCounty, amounts) => {
          const plan = { upper: money(planUpper), county: money(planCounty) };
          const disbursedBefore = { upper: money(beforeUpper), county: money(beforeCounty) };
          const expected = splitApprovedLines(
            { policy, plan, disbursedBefore } as Parameters<typeof splitApprovedLines>[0],
            amounts.map(line),
          ).map((s) => [s.funding.upper.toFixed(2), s.funding.county.toFixed(2)]);
          const splitter = new FenSplitter(
            policy,
            { upper: planUpper, county: planCounty },
            { upper: beforeUpper, county: beforeCounty },
          );
          const actual = amounts.map((a) => {
            const upper = splitter.upperOf(a);
            return [money(upper), money(a - upper)];
          });
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses a negative or fractional amount', () => {
    const splitter = new FenSplitter('proportional', { upper: 1, county: 1 }, { upper: 0, county: 0 });
    expect(() => splitter.upperOf(-1)).toThrow(RangeError);
    expect(() => splitter.upperOf(1.5)).toThrow(RangeError);
  });
});
