import fc from 'fast-check';
import type Decimal from 'decimal.js';
import { D, ZERO, sumMoney } from '../shared/money';
import type { FundingPolicy } from '../events/program-year-events';
import { allocateFunds, type FundingParts } from './allocate-funds';

const yuan = (s: string): Decimal => new D(s);
const fen = (n: number): Decimal => new D(n).div(100);
const SEED_PLAN = { upper: yuan('133500.00'), county: yuan('74500.00') };
/** 阳光家园 care 2024: 2 residential × 12,000 + 5 day × 4,000 + 82 home × 2,000 = 208,000. */
const SEED_AMOUNTS: Decimal[] = [
  ...Array.from({ length: 2 }, () => yuan('12000.00')),
  ...Array.from({ length: 5 }, () => yuan('4000.00')),
  ...Array.from({ length: 82 }, () => yuan('2000.00')),
];

/** A tiny ledger: pays batches in order and tracks net disbursed per source, as the program-year does. */
class Ledger {
  net: FundingParts = { upper: ZERO, county: ZERO };
  constructor(
    readonly policy: FundingPolicy,
    readonly plan: FundingParts,
  ) {}
  pay(amounts: readonly Decimal[]): FundingParts[] {
    const splits = allocateFunds({
      policy: this.policy,
      plan: this.plan,
      disbursedBefore: this.net,
      amounts,
    });
    for (const s of splits)
      this.net = { upper: this.net.upper.plus(s.upper), county: this.net.county.plus(s.county) };
    return splits;
  }
  giveBack(split: FundingParts): void {
    this.net = { upper: this.net.upper.minus(split.upper), county: this.net.county.minus(split.county) };
  }
}

function inBatches<T>(items: readonly T[], sizes: readonly number[]): T[][] {
  const out: T[][] = [];
  let i = 0;
  for (const size of sizes) {
    if (i >= items.length) break;
    out.push(items.slice(i, i + size));
    i += size;
  }
  if (i < items.length) out.push(items.slice(i));
  return out;
}

describe('allocateFunds', () => {
  describe('the seed care scenario (208,000 = 133,500 upper + 74,500 county)', () => {
    const orders: Record<string, Decimal[]> = {
      'residential, day, home': SEED_AMOUNTS,
      'home, day, residential': [...SEED_AMOUNTS].reverse(),
      // i ↦ 37·i mod 89 is a permutation (89 is prime): tiers end up mixed through the list
      shuffled: SEED_AMOUNTS.map((_, i) => SEED_AMOUNTS[(37 * i) % 89]!),
    };
    const batchings: Record<string, number[]> = {
      'one batch': [89],
      'three batches': [10, 30, 49],
      'line by line': Array.from({ length: 89 }, () => 1),
      'uneven batches': [1, 2, 3, 5, 8, 13, 21, 36],
    };

    for (const [orderName, amounts] of Object.entries(orders)) {
      for (const [batchName, sizes] of Object.entries(batchings)) {
        it(`pays exactly 133,500.00 upper and 74,500.00 county (${orderName}; ${batchName})`, () => {
          const ledger = new Ledger('proportional', SEED_PLAN);
          const splits = inBatches(amounts, sizes).flatMap((batch) => ledger.pay(batch));

          expect(splits).toHaveLength(89);
          expect(sumMoney(splits.map((s) => s.upper)).toFixed(2)).toBe('133500.00');
          expect(sumMoney(splits.map((s) => s.county)).toFixed(2)).toBe('74500.00');
        });
      }
    }

    it('splits each line in the plan ratio, rounding the running total half-even to the fen', () => {
      const [first] = allocateFunds({
        policy: 'proportional',
        plan: SEED_PLAN,
        disbursedBefore: { upper: ZERO, county: ZERO },
        amounts: [yuan('2000.00')],
      });
      // 2000 × 133500 / 208000 = 1283.653846… → 1283.65
      expect(first!.upper.toFixed(2)).toBe('1283.65');
      expect(first!.county.toFixed(2)).toBe('716.35');
    });

    it('still ends exact when a failed line is given back and paid again in a later batch', () => {
      const ledger = new Ledger('proportional', SEED_PLAN);
      const splits = ledger.pay(SEED_AMOUNTS);
      ledger.giveBack(splits[40]!); // the bank returned line 41 failed (打卡失败)
      expect(ledger.net.upper.plus(ledger.net.county).toFixed(2)).toBe('206000.00');

      ledger.pay([SEED_AMOUNTS[40]!]);

      expect(ledger.net.upper.toFixed(2)).toBe('133500.00');
      expect(ledger.net.county.toFixed(2)).toBe('74500.00');
    });
  });

  it('upper-first spends the upper plan, then county money', () => {
    const splits = allocateFunds({
      policy: 'upper-first',
      plan: { upper: yuan('100.00'), county: yuan('50.00') },
      disbursedBefore: { upper: yuan('60.00'), county: ZERO },
      amounts: [yuan('30.00'), yuan('30.00'), yuan('30.00')],
    });
    expect(splits.map((s) => [s.upper.toFixed(2), s.county.toFixed(2)])).toEqual([
      ['30.00', '0.00'],
      ['10.00', '20.00'],
      ['0.00', '30.00'],
    ]);
  });

  it('county-first spends the county plan, then upper money', () => {
    const splits = allocateFunds({
      policy: 'county-first',
      plan: { upper: yuan('100.00'), county: yuan('50.00') },
      disbursedBefore: { upper: ZERO, county: yuan('40.00') },
      amounts: [yuan('30.00'), yuan('30.00')],
    });
    expect(splits.map((s) => [s.upper.toFixed(2), s.county.toFixed(2)])).toEqual([
      ['20.00', '10.00'],
      ['30.00', '0.00'],
    ]);
  });

  it.each<[FundingPolicy, string]>([
    ['proportional', 'upper'],
    ['upper-first', 'upper'],
    ['county-first', 'county'],
  ])('with a zero plan, %s charges everything to %s', (policy, source) => {
    const [split] = allocateFunds({
      policy,
      plan: { upper: ZERO, county: ZERO },
      disbursedBefore: { upper: ZERO, county: ZERO },
      amounts: [yuan('12.34')],
    });
    expect(source === 'upper' ? split!.upper.toFixed(2) : split!.county.toFixed(2)).toBe('12.34');
    expect(source === 'upper' ? split!.county.toFixed(2) : split!.upper.toFixed(2)).toBe('0.00');
  });

  it('refuses an amount that is negative or finer than the fen', () => {
    const base = {
      policy: 'proportional' as const,
      plan: SEED_PLAN,
      disbursedBefore: { upper: ZERO, county: ZERO },
    };
    expect(() => allocateFunds({ ...base, amounts: [yuan('-1.00')] })).toThrow(RangeError);
    expect(() => allocateFunds({ ...base, amounts: [yuan('1.001')] })).toThrow(RangeError);
  });

  describe('properties', () => {
    /** The proportional rule written out in decimal.js (precision 40), as it was computed before fen integers. */
    function decimalReference(
      plan: FundingParts,
      before: FundingParts,
      amounts: readonly Decimal[],
    ): FundingParts[] {
      const total = plan.upper.plus(plan.county);
      let upperNet = before.upper;
      let countyNet = before.county;
      return amounts.map((amount) => {
        const target = upperNet
          .plus(countyNet)
          .plus(amount)
          .times(plan.upper)
          .div(total)
          .toDecimalPlaces(2, D.ROUND_HALF_EVEN);
        const upper = D.min(amount, D.max(ZERO, target.minus(upperNet)));
        const county = amount.minus(upper);
        upperNet = upperNet.plus(upper);
        countyNet = countyNet.plus(county);
        return { upper, county };
      });
    }

    it('proportional splits equal the decimal.js formula to the fen, up to province-sized amounts', () => {
      const bigFrom = (min: bigint) => fc.bigInt({ min, max: 10n ** 15n }).map((n) => new D(n.toString()).div(100));
      const big = bigFrom(0n);
      fc.assert(
        fc.property(
          // upper > 0: a plan of total 0 has no ratio (the formula divides by it); its rule is tested above
          fc.oneof(fc.integer({ min: 1, max: 100_000_000 }).map(fen), bigFrom(1n)),
          fc.oneof(fc.integer({ min: 0, max: 100_000_000 }).map(fen), big),
          fc.integer({ min: 0, max: 50_000_000 }).map(fen),
          fc.array(fc.oneof(fc.integer({ min: 0, max: 2_000_000 }).map(fen), big), { maxLength: 40 }),
          (upper, county, disbursed, amounts) => {
            const plan = { upper, county };
            const before = { upper: disbursed, county: disbursed.times(2) };
            const got = allocateFunds({ policy: 'proportional', plan, disbursedBefore: before, amounts });
            const want = decimalReference(plan, before, amounts);
            expect(got.map((s) => [s.upper.toFixed(2), s.county.toFixed(2)])).toEqual(
              want.map((s) => [s.upper.toFixed(2), s.county.toFixed(2)]),
            );
          },
        ),
        { numRuns: 2000 },
      );
    });

    const policyArb = fc.constantFrom<FundingPolicy>('proportional', 'upper-first', 'county-first');
    const fenArb = (max: number) => fc.integer({ min: 0, max }).map(fen);

    it('every split sums to its amount, with non-negative parts exact to the fen', () => {
      fc.assert(
        fc.property(
          policyArb,
          fenArb(100_000_000),
          fenArb(100_000_000),
          fenArb(100_000_000),
          fenArb(100_000_000),
          fc.array(fenArb(5_000_000), { maxLength: 40 }),
          (policy, planUpper, planCounty, beforeUpper, beforeCounty, amounts) => {
            const splits = allocateFunds({
              policy,
              plan: { upper: planUpper, county: planCounty },
              disbursedBefore: { upper: beforeUpper, county: beforeCounty },
              amounts,
            });
            expect(splits).toHaveLength(amounts.length);
            splits.forEach((s, i) => {
              expect(s.upper.plus(s.county).eq(amounts[i]!)).toBe(true);
              expect(s.upper.gte(0) && s.county.gte(0)).toBe(true);
              expect(s.upper.decimalPlaces() <= 2 && s.county.decimalPlaces() <= 2).toBe(true);
            });
          },
        ),
      );
    });

    it('a batch split at once equals the same lines split one by one (batching does not matter)', () => {
      fc.assert(
        fc.property(
          policyArb,
          fenArb(10_000_000),
          fenArb(10_000_000),
          fc.array(fenArb(500_000), { maxLength: 30 }),
          (policy, u, c, amounts) => {
            const whole = new Ledger(policy, { upper: u, county: c }).pay(amounts);
            const oneByOne = new Ledger(policy, { upper: u, county: c });
            const single = amounts.flatMap((a) => oneByOne.pay([a]));
            expect(single.map((s) => s.upper.toFixed(2))).toEqual(whole.map((s) => s.upper.toFixed(2)));
          },
        ),
      );
    });

    /**
     * The plan's total is cut into lines that are paid in random batches; after any batch some paid lines may
     * come back (bank failure or reversal) and are queued to be paid again. Once every line is paid net, each
     * source has paid exactly its plan, and no source ever went above its plan on the way.
     */
    it('after the whole plan is paid net, in any order, batching, give-backs and re-payments, each source = its plan', () => {
      const scenario = fc
        .record({
          policy: policyArb,
          planUpper: fc.integer({ min: 0, max: 50_000_000 }),
          planCounty: fc.integer({ min: 0, max: 50_000_000 }),
          cuts: fc.array(fc.integer({ min: 1, max: 999_999 }), { maxLength: 40 }), // cut points in millionths
          seed: fc.array(fc.nat(1000), { minLength: 200, maxLength: 200 }),
        })
        .filter((s) => s.planUpper + s.planCounty > 0);

      fc.assert(
        fc.property(scenario, ({ policy, planUpper, planCounty, cuts, seed }) => {
          const totalFen = planUpper + planCounty;
          const points = [...new Set(cuts.map((c) => Math.floor((c * totalFen) / 1_000_000)))]
            .filter((p) => p > 0 && p < totalFen)
            .sort((a, b) => a - b);
          const bounds = [0, ...points, totalFen];
          const lines = bounds.slice(1).map((b, i) => fen(b - bounds[i]!));
          let r = 0;
          const next = (n: number) => seed[r++ % seed.length]! % Math.max(1, n);

          const plan = { upper: fen(planUpper), county: fen(planCounty) };
          const ledger = new Ledger(policy, plan);
          let pending = lines.map((amount, id) => ({ id, amount }));
          const paid = new Map<number, FundingParts>();
          let rounds = 0;
          while (pending.length > 0) {
            const take = 1 + next(pending.length);
            const batch = pending.slice(0, take);
            pending = pending.slice(take);
            ledger.pay(batch.map((l) => l.amount)).forEach((s, i) => paid.set(batch[i]!.id, s));
            expect(ledger.net.upper.lte(plan.upper) && ledger.net.county.lte(plan.county)).toBe(true);
            if (rounds++ < 6 && paid.size > 0 && next(3) === 0) {
              const ids = [...paid.keys()];
              const back = ids[next(ids.length)]!;
              ledger.giveBack(paid.get(back)!);
              paid.delete(back);
              pending.push({ id: back, amount: lines[back]! });
            }
          }
          expect(ledger.net.upper.eq(plan.upper)).toBe(true);
          expect(ledger.net.county.eq(plan.county)).toBe(true);
        }),
      );
    });
  });
});
