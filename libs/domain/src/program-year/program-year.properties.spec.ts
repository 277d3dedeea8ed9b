/**
 * Property: whatever clerks, approvers and the bank do, in any order — enroll, receive money, draft (also
 * drafts that go stale before approval), approve, return lines paid or failed, reverse — the program-year
 * never pays a person more than they are owed, never takes a source below zero, splits every line exactly,
 * and once everyone is paid in full each source has paid exactly its plan.
 */
import fc from 'fast-check';
import type Decimal from 'decimal.js';
import { D, ZERO, formatMoney } from '../shared/money';
import { DomainError } from '../shared/domain-error';
import type { FundingPolicy } from '../events/program-year-events';
import { ProgramYearHarness, person, type Person } from './program-year.fixtures';
import { availableOf, outstandingOf, type ProgramYearState } from './program-year';

const TIERS = ['residential', 'day', 'home'] as const;
const fen = (n: number): Decimal => new D(n).div(100);
/** permille of an amount, down to the fen, at least 0.01. */
const share = (amount: Decimal, permille: number): Decimal =>
  D.max(fen(1), amount.times(permille).div(1000).toDecimalPlaces(2, D.ROUND_DOWN));

type Step =
  | { kind: 'enroll'; who: number }
  | { kind: 'allocate'; source: 'upper' | 'county'; permille: number }
  | { kind: 'draft'; payOutstanding: boolean; lines: Array<{ who: number; permille: number }> }
  | { kind: 'approve'; draft: number; byMaker: boolean }
  | { kind: 'bankReturn'; batch: number; lines: Array<{ line: number; failed: boolean }> }
  | { kind: 'reverse'; batch: number; line: number };

const stepArb = (people: number): fc.Arbitrary<Step> =>
  fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('enroll' as const), who: fc.nat(people - 1) }), weight: 3 },
    {
      arbitrary: fc.record({
        kind: fc.constant('allocate' as const),
        source: fc.constantFrom('upper' as const, 'county' as const),
        permille: fc.integer({ min: 1, max: 700 }), // of the source's plan
      }),
      weight: 2,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('draft' as const),
        payOutstanding: fc.boolean(),
        // of what the person is owed when drafting; above 1000 asks too much
        lines: fc.array(fc.record({ who: fc.nat(people - 1), permille: fc.integer({ min: 1, max: 1050 }) }), {
          minLength: 1,
          maxLength: 3,
        }),
      }),
      weight: 3,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('approve' as const),
        draft: fc.nat(),
        byMaker: fc.nat(9).map((n) => n === 0),
      }),
      weight: 4,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('bankReturn' as const),
        batch: fc.nat(),
        lines: fc.array(fc.record({ line: fc.nat(), failed: fc.boolean() }), { minLength: 1, maxLength: 4 }),
      }),
      weight: 2,
    },
    {
      arbitrary: fc.record({ kind: fc.constant('reverse' as const), batch: fc.nat(), line: fc.nat() }),
      weight: 1,
    },
  );

const scenarioArb = fc
  .record({
    policy: fc.constantFrom<FundingPolicy>('proportional', 'upper-first', 'county-first'),
    rates: fc.tuple(
      fc.integer({ min: 1, max: 2_000_000 }),
      fc.integer({ min: 1, max: 2_000_000 }),
      fc.integer({ min: 1, max: 2_000_000 }),
    ),
    tiers: fc.array(fc.nat(2), { minLength: 1, maxLength: 8 }),
    upperShare: fc.integer({ min: 0, max: 1000 }),
  })
  .chain((s) =>
    fc.record({
      scenario: fc.constant(s),
      steps: fc.array(stepArb(s.tiers.length), { minLength: 20, maxLength: 60 }),
    }),
  );

/** Runs a step; a refusal must be a DomainError that changes nothing. */
function attempt(h: ProgramYearHarness, act: () => unknown): void {
  const before = h.state;
  try {
    act();
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    expect(h.state).toBe(before);
  }
}

function checkInvariants(state: ProgramYearState, plan: { upper: Decimal; county: Decimal }): void {
  const netByPerson = new Map<string, Decimal>();
  let upper = ZERO;
  let county = ZERO;
  for (const batch of state.batches.values()) {
    for (const line of batch.lines.values()) {
      expect(line.funding.upper.gte(0) && line.funding.county.gte(0)).toBe(true);
      expect(line.funding.upper.plus(line.funding.county).eq(line.amount)).toBe(true);
      expect(line.funding.upper.decimalPlaces() <= 2 && line.funding.county.decimalPlaces() <= 2).toBe(true);
      if (line.status === 'approved' || line.status === 'paid') {
        netByPerson.set(line.personId, (netByPerson.get(line.personId) ?? ZERO).plus(line.amount));
        upper = upper.plus(line.funding.upper);
        county = county.plus(line.funding.county);
      }
    }
  }
  // never overpaid: net paid per person within 0..entitled, and equal to their live lines
  for (const enrollment of state.enrollments.values()) {
    const paid = state.paid.get(enrollment.personId) ?? ZERO;
    expect(paid.gte(0) && paid.lte(enrollment.entitled)).toBe(true);
    expect(paid.eq(netByPerson.get(enrollment.personId) ?? ZERO)).toBe(true);
  }
  // never overdrawn, and the running totals are the live lines' parts
  expect(state.disbursed.upper.eq(upper) && state.disbursed.county.eq(county)).toBe(true);
  expect(availableOf(state, 'upper').gte(0) && availableOf(state, 'county').gte(0)).toBe(true);
  // while the net total is within the plan, no source has paid beyond its own plan
  expect(upper.lte(plan.upper) && county.lte(plan.county)).toBe(true);
}

describe('program-year properties', () => {
  it('never overpays, never overdraws, splits exactly; paid in full, each source equals its plan', () => {
    fc.assert(
      fc.property(scenarioArb, ({ scenario, steps }) => {
        const rates = scenario.rates.map(fen);
        const people: Array<[Person, (typeof TIERS)[number]]> = scenario.tiers.map((t, i) => [
          person(i + 1),
          TIERS[t]!,
        ]);
        const total = people.reduce((sum, [, tier]) => sum.plus(rates[TIERS.indexOf(tier)]!), ZERO);
        const planUpper = total.times(scenario.upperShare).div(1000).toDecimalPlaces(2, D.ROUND_DOWN);
        const plan = { upper: planUpper, county: total.minus(planUpper) };

        const h = new ProgramYearHarness().open({
          rates: {
            residential: formatMoney(rates[0]!),
            day: formatMoney(rates[1]!),
            home: formatMoney(rates[2]!),
          },
          fundingPlan: { upper: formatMoney(plan.upper), county: formatMoney(plan.county) },
          fundingPolicy: scenario.policy,
        });
        const drafts: string[] = [];
        const approved: string[] = [];

        for (const step of steps) {
          switch (step.kind) {
            case 'enroll':
              attempt(h, () => h.enroll(...people[step.who]!));
              break;
            case 'allocate':
              attempt(h, () => h.allocate(step.source, formatMoney(share(plan[step.source], step.permille))));
              break;
            case 'draft': {
              const id = `b${drafts.length + 1}`;
              attempt(h, () => {
                h.draft(
                  id,
                  'li',
                  step.payOutstanding
                    ? 'payOutstanding'
                    : step.lines.map((l) => [
                        people[l.who]![0],
                        formatMoney(share(outstandingOf(h.state, people[l.who]![0].personId), l.permille)),
                      ]),
                );
                drafts.push(id);
              });
              break;
            }
            case 'approve': {
              const id = drafts[step.draft % Math.max(1, drafts.length)];
              if (id) attempt(h, () => (h.approve(id, step.byMaker ? 'li' : 'wang'), approved.push(id)));
              break;
            }
            case 'bankReturn': {
              const id = approved[step.batch % Math.max(1, approved.length)];
              if (!id) break;
              const count = h.state.batches.get(id)!.lines.size;
              const lines = step.lines.map((l) => ({
                lineNo: 1 + (l.line % count),
                result: l.failed ? ('failed' as const) : ('paid' as const),
                reason: '退票',
              }));
              attempt(h, () => h.bankReturn(id, lines));
              break;
            }
            case 'reverse': {
              const id = approved[step.batch % Math.max(1, approved.length)];
              if (!id) break;
              attempt(h, () => h.reverse(id, 1 + (step.line % h.state.batches.get(id)!.lines.size)));
              break;
            }
          }
          checkInvariants(h.state, plan);
        }

        // Finally: everyone enrolled, the whole plan received, everyone still owed paid in one batch.
        for (const [who, tier] of people) if (!h.state.enrollments.has(who.personId)) h.enroll(who, tier);
        for (const source of ['upper', 'county'] as const) {
          const missing = plan[source].minus(h.state.allocated[source]);
          if (missing.gt(0)) h.allocate(source, formatMoney(missing));
        }
        if (h.state.disbursed.upper.plus(h.state.disbursed.county).lt(total)) {
          h.draft('final', 'li', 'payOutstanding');
          h.approve('final', 'wang');
        }
        checkInvariants(h.state, plan);
        expect(h.state.disbursed.upper.eq(plan.upper)).toBe(true);
        expect(h.state.disbursed.county.eq(plan.county)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
