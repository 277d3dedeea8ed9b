/**
 * The seed year end to end in the domain: Jinzhai County's 2024 "Sunshine Home" care (阳光家园托养服务),
 * 2 residential × 12,000 + 5 day × 4,000 + 82 home × 2,000 = 208,000, funded 133,500 upper-level (上级拨付)
 * + 74,500 county (县级配套). Paid in full, each source pays exactly its plan, to the fen.
 */
import { sumMoney } from '../shared/money';
import { ProgramYearHarness, person, seedCareRecipients } from './program-year.fixtures';
import { availableOf, outstandingOf } from './program-year';

function fundedAndEnrolled(): ProgramYearHarness {
  const h = new ProgramYearHarness().open().allocate('upper', '133500.00').allocate('county', '74500.00');
  for (const [who, tier] of seedCareRecipients()) h.enroll(who, tier);
  return h;
}

describe('the seed care year (阳光家园 2024)', () => {
  it('pays all 89 in one batch: 208,000.00 split exactly 133,500.00 upper / 74,500.00 county, nothing left', () => {
    const h = fundedAndEnrolled();

    const draft = h.draft('care-2024-1', 'li', 'payOutstanding');
    const approved = h.approve('care-2024-1', 'wang');

    expect(draft.lineCount).toBe(89);
    expect(draft.total).toBe('208000.00');
    expect(draft.warnings).toEqual([]);
    expect(approved.data.funding).toEqual({ upper: '133500.00', county: '74500.00' });
    expect(availableOf(h.state, 'upper').toFixed(2)).toBe('0.00');
    expect(availableOf(h.state, 'county').toFixed(2)).toBe('0.00');
    const lines = [...h.state.batches.get('care-2024-1')!.lines.values()];
    expect(lines.every((l) => l.funding.upper.plus(l.funding.county).eq(l.amount))).toBe(true);
    expect(seedCareRecipients().every(([p]) => outstandingOf(h.state, p.personId).isZero())).toBe(true);
  });

  it('a bank failure gives one line back; re-paid in a new batch, the totals are still exact', () => {
    const h = fundedAndEnrolled();
    h.draft('care-2024-1', 'li', 'payOutstanding');
    h.approve('care-2024-1', 'wang');
    const failedLine = 40; // a home-care line (居家托养)
    const who = person(failedLine);

    h.bankReturn('care-2024-1', [
      ...Array.from({ length: 89 }, (_, i) => i + 1)
        .filter((n) => n !== failedLine)
        .map((lineNo) => ({ lineNo, result: 'paid' as const })),
      { lineNo: failedLine, result: 'failed', reason: '银行卡已挂失 card reported lost' },
    ]);

    expect(outstandingOf(h.state, who.personId).toFixed(2)).toBe('2000.00');
    expect(availableOf(h.state, 'upper').plus(availableOf(h.state, 'county')).toFixed(2)).toBe('2000.00');

    const repay = h.draft('care-2024-2', 'li', 'payOutstanding');
    expect(repay.lines.map((l) => [l.personId, l.amount])).toEqual([[who.personId, '2000.00']]);
    h.approve('care-2024-2', 'wang');

    expect(h.state.disbursed.upper.toFixed(2)).toBe('133500.00');
    expect(h.state.disbursed.county.toFixed(2)).toBe('74500.00');
    expect(availableOf(h.state, 'upper').toFixed(2)).toBe('0.00');
    expect(availableOf(h.state, 'county').toFixed(2)).toBe('0.00');
    const paidLines = [...h.state.batches.values()]
      .flatMap((b) => [...b.lines.values()])
      .filter((l) => l.status !== 'failed');
    expect(sumMoney(paidLines.map((l) => l.funding.upper)).toFixed(2)).toBe('133500.00');
    expect(sumMoney(paidLines.map((l) => l.funding.county)).toFixed(2)).toBe('74500.00');
  });

  it('pays in several batches, by tier, and still ends exactly at the plan', () => {
    const h = fundedAndEnrolled();
    const recipients = seedCareRecipients();
    const byTier = (tier: string) =>
      recipients
        .filter(([, t]) => t === tier)
        .map(([p, t]): [typeof p, string] => [
          p,
          t === 'residential' ? '12000.00' : t === 'day' ? '4000.00' : '2000.00',
        ]);

    for (const [i, tier] of ['home', 'residential', 'day'].entries()) {
      h.draft(`care-2024-${i + 1}`, 'li', byTier(tier));
      h.approve(`care-2024-${i + 1}`, 'wang');
    }

    expect(h.state.disbursed.upper.toFixed(2)).toBe('133500.00');
    expect(h.state.disbursed.county.toFixed(2)).toBe('74500.00');
  });

  it('cannot pay anyone twice: a second payOutstanding finds nobody owed', () => {
    const h = fundedAndEnrolled();
    h.draft('care-2024-1', 'li', 'payOutstanding');
    h.approve('care-2024-1', 'wang');

    expect(() => h.draft('care-2024-2', 'li', 'payOutstanding')).toThrow(/nobody is owed/);
  });
});
