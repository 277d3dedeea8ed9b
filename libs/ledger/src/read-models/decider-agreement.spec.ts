/**
 * The read models agree with the domain's own state: events made by the program-year deciders (not by this
 * folder's fixture), run through the projections, give the deciders' per-line splits and statuses, per-person
 * balances and per-source totals — to the fen, after a failure, a reversal and payments over several batches.
 */
import { availableOf, outstandingOf } from '@subsidy/domain/program-year/program-year';
import {
  person,
  ProgramYearHarness,
  seedCareRecipients,
} from '@subsidy/domain/program-year/program-year.fixtures';
import { formatMoney } from '@subsidy/domain/shared/money';
import { buildReport } from '../reports/build-report';
import { getBeneficiary, getPaymentBatch } from './index';
import { LedgerFixture } from './testing/ledger-fixture';
import { projected } from './testing/project';

describe('read models agree with the program-year deciders', () => {
  const log = new LedgerFixture(); // here only for log positions and metadata
  const h = new ProgramYearHarness();
  let recorded = 0;
  const flush = () => {
    for (const e of h.history.slice(recorded))
      log.record('program-year-care-services-2024', e.type, e.data, 'test');
    recorded = h.history.length;
  };
  const draft = (batchId: string, lines: Parameters<ProgramYearHarness['draft']>[2]) => {
    h.draft(batchId, 'li', lines, 4_000); // small chunks: several per batch
    for (const e of h.batchStreams.get(batchId)!)
      log.record(`payment-batch-${batchId}`, e.type, e.data, 'li');
  };

  const recipients = seedCareRecipients();
  for (const [p] of recipients) {
    log.record(
      `beneficiary-${p.personId}`,
      'BeneficiaryRegistered',
      {
        ...p,
        township: '梅山镇',
        birthDate: '1980-01-01',
        sex: 'male',
        category: 'mental',
        grade: 2,
      },
      'li',
    );
  }
  h.open().allocate('upper', '100000.00').allocate('county', '74500.00').allocate('upper', '33500.00');
  for (const [p, tier] of recipients) h.enroll(p, tier);
  flush();
  const rate = { residential: '12000.00', day: '4000.00', home: '2000.00' } as Record<string, string>;
  const byTier = (tier: string) =>
    recipients.filter(([, t]) => t === tier).map(([p, t]): [typeof p, string] => [p, rate[t]]);

  draft('home', byTier('home'));
  h.approve('home', 'wang');
  flush();
  h.bankReturn('home', [
    ...Array.from({ length: 82 }, (_, i) => ({ lineNo: i + 1, result: 'paid' as const })).slice(1),
    { lineNo: 1, result: 'failed', reason: '银行卡已挂失 card reported lost' },
  ]);
  flush();
  draft('residential', byTier('residential'));
  h.approve('residential', 'wang');
  flush();
  h.reverse('residential', 2);
  flush();
  draft('day', byTier('day'));
  h.approve('day', 'wang');
  flush();
  draft('rest', 'payOutstanding');
  h.approve('rest', 'wang');
  flush();

  const db = projected(log.events);
  const money = (d: { toFixed(n: number): string }) => d.toFixed(2);

  it('derives every line’s split and status as the decider did', () => {
    for (const [batchId, batch] of h.state.batches) {
      const view = getPaymentBatch(db, batchId)!;
      expect(view.lines).toHaveLength(batch.lines.size);
      for (const line of batch.lines.values()) {
        const projectedLine = view.lines.find((l) => l.lineId === line.lineId)!;
        expect(projectedLine).toMatchObject({
          amount: money(line.amount),
          status: line.status,
          funding: { upper: money(line.funding.upper), county: money(line.funding.county) },
        });
      }
    }
  });

  it('shows each person’s outstanding balance as the decider holds it', () => {
    for (const [p] of recipients) {
      const [e] = getBeneficiary(db, p.certificateNumber)!.entitlements;
      expect(e.outstanding).toBe(money(outstandingOf(h.state, p.personId)));
    }
    expect(getBeneficiary(db, person(1).certificateNumber)!.entitlements[0].outstanding).toBe('0.00');
  });

  it('shows net disbursed and available per source as the decider holds them: the whole plan, exactly', () => {
    const [row] = buildReport(db, 'funding', { year: 2024 });
    expect(row.disbursed).toMatchObject({
      upper: money(h.state.disbursed.upper),
      county: money(h.state.disbursed.county),
    });
    expect(row.available).toMatchObject({
      upper: money(availableOf(h.state, 'upper')),
      county: money(availableOf(h.state, 'county')),
    });
    expect(row.disbursed).toEqual({
      upper: '133500.00',
      county: '74500.00',
      total: formatMoney(h.state.disbursed.upper.plus(h.state.disbursed.county)),
    });
  });
});
