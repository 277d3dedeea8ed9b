/**
 * The read models agree with the domain's own state: events made by the program-year deciders (not by this
 * folder's fixture), run through the projections, give the deciders' per-line splits and statuses, per-person
 * balances and per-source totals, and each person's history index — to the fen, after failures, bank returns
 * in parts and out of order, reversals and payments over several batches of several chunks.
 */
import { availableOf, outstandingOf } from '@subsidy/domain/program-year/program-year';
import {
  person,
  ProgramYearHarness,
  seedCareRecipients,
} from '@subsidy/domain/program-year/program-year.fixtures';
import { formatMoney } from '@subsidy/domain/shared/money';
import { chunkLinesOf } from '@subsidy/domain/disbursement/chunk-lines';
import type { PaymentBatchLinesDrafted } from '@subsidy/domain/events/payment-batch-events';
import { schemaVersionOf } from '@subsidy/domain/events/schema-versions';
import { buildReport } from '../reports/build-report';
import {
  entitlementsBefore,
  getBeneficiary,
  getPaymentBatch,
  getPaymentLine,
  personEventRefs,
} from './index';
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
      log.record(`payment-batch-${batchId}`, e.type, e.data, 'li', undefined, schemaVersionOf(e.type));
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
  // Two bank returns, each listing lines out of order; failures at a chunk's and a split group's edge (64).
  const homeLines = Array.from({ length: 82 }, (_, i) => i + 1);
  h.bankReturn('home', [
    ...homeLines
      .filter((n) => n % 2 === 1 && n !== 1)
      .reverse()
      .map((lineNo) => ({ lineNo, result: 'paid' as const })),
    { lineNo: 1, result: 'failed', reason: '银行卡已挂失 card reported lost' },
  ]);
  flush();
  h.bankReturn('home', [
    { lineNo: 64, result: 'failed', reason: '账户已销户 account closed' },
    ...homeLines
      .filter((n) => n % 2 === 0 && n !== 64)
      .map((lineNo) => ({ lineNo, result: 'paid' as const })),
  ]);
  flush();
  h.reverse('home', 65); // paid, then reversed
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

  it('finds each line by its id as its batch shows it', () => {
    for (const batchId of h.state.batches.keys()) {
      for (const line of getPaymentBatch(db, batchId)!.lines) {
        expect(getPaymentLine(db, line.lineId)).toEqual({
          ...line,
          batchId,
          lineNo: Number(line.lineId.slice(batchId.length + 1)),
          personId: expect.any(String),
        });
      }
    }
    expect(getPaymentLine(db, 'home-83')).toBeUndefined();
    expect(getPaymentLine(db, 'home-065')).toBeUndefined();
  });

  it('indexes, per person, exactly the events of the log about them and their lines', () => {
    // Expected straight from the log: who each event is about, and which of their lines it holds.
    const personOfLine = new Map<string, string>();
    const expected = new Map<
      string,
      Array<{ position: bigint; type: string; batchId?: string; lineNos: number[] }>
    >();
    const add = (personId: string, position: bigint, type: string, batchId?: string, lineNo?: number) => {
      const refs = expected.get(personId) ?? [];
      expected.set(personId, refs);
      let ref = refs[refs.length - 1];
      if (ref === undefined || ref.position !== position) {
        ref = { position, type, lineNos: [], ...(batchId === undefined ? {} : { batchId }) };
        refs.push(ref);
      }
      if (lineNo !== undefined) ref.lineNos.push(lineNo);
    };
    for (const e of log.events) {
      const d = e.data as Record<string, unknown> & { batchId: string; personId: string };
      const lineOf = (n: number) => personOfLine.get(`${d.batchId}/${n}`)!;
      switch (e.type) {
        case 'BeneficiaryRegistered':
        case 'BeneficiaryEnrolled':
          add(d.personId, e.position, e.type);
          break;
        case 'PaymentBatchLinesDrafted': {
          const c = chunkLinesOf(e.data as unknown as PaymentBatchLinesDrafted['data']);
          for (let i = 0; i < c.count; i++) {
            personOfLine.set(`${d.batchId}/${c.lineNoAt(i)}`, c.personIds[i]!);
            add(c.personIds[i]!, e.position, e.type, d.batchId, c.lineNoAt(i));
          }
          break;
        }
        case 'PaymentBatchApproved':
          for (let n = 1; n <= (d.lineCount as number); n++) add(lineOf(n), e.position, e.type, d.batchId, n);
          break;
        case 'BankReturnRecorded': {
          const nos = [
            ...(d.paid as number[]),
            ...(d.failed as Array<{ lineNo: number }>).map((f) => f.lineNo),
          ];
          for (const n of nos.sort((a, b) => a - b)) add(lineOf(n), e.position, e.type, d.batchId, n);
          break;
        }
        case 'PaymentReversed':
          add(d.personId, e.position, e.type, d.batchId, d.lineNo as number);
      }
    }
    expect(expected.size).toBe(recipients.length);
    for (const [personId, refs] of expected) expect(personEventRefs(db, personId)).toEqual(refs);
  });

  it('shows each person’s outstanding balance as the decider holds it', () => {
    for (const [p] of recipients) {
      const [e] = getBeneficiary(db, p.certificateNumber)!.entitlements;
      expect(e.outstanding).toBe(money(outstandingOf(h.state, p.personId)));
    }
    expect(getBeneficiary(db, person(1).certificateNumber)!.entitlements[0].outstanding).toBe('0.00');
  });

  it('answers asOf a moment after the last event exactly as it answers now, and as nothing before it', () => {
    const after = new Date(log.events[log.events.length - 1]!.recordedAt.getTime() + 1).toISOString();
    const before = log.events[0]!.recordedAt.toISOString();
    for (const [p] of recipients) {
      expect(entitlementsBefore(db, p.personId, after)).toEqual(
        getBeneficiary(db, p.certificateNumber)!.entitlements,
      );
      expect(entitlementsBefore(db, p.personId, before)).toEqual([]);
    }
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
