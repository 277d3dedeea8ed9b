/**
 * `?asOf=` for a person with ten years of monthly payments: `asof.ts DIR`.
 *
 * Seeded straight into the log: 1,384 people with a mental disability (Jinzhai's 精神病人药费补助 count in
 * 2024), enrolled every year 2015–2024 in psychiatric-medication at 1,200.00 a year, and paid in twelve
 * monthly batches a year (100.00 a line, 1,384 lines a batch: drafted, approved with the real splits, answered
 * by the bank, a few lines failed) — 120 batches, 166,080 lines, each event recorded on its own day.
 * Then the ledger starts on that log (its runner projects it) and GetBeneficiaryQuery with `asOf` runs
 * through the query bus for the first of them, at dates spread over the ten years.
 */
import fs from 'node:fs';
import { CATEGORIES } from '@subsidy/domain/registry/certificate';
import { allocateFunds, chunkDraft, digestLines, lineIdOf, type PaymentBatchDraft } from '@subsidy/domain/disbursement';
import type { PaymentBatchLine } from '@subsidy/domain/events/payment-batch-events';
import { beneficiaryStream, paymentBatchStream, programYearStream } from '@subsidy/domain/events/streams';
import { formatMoney, money, sumMoney, ZERO } from '@subsidy/domain/shared/money';
import { deterministicUuid } from '@subsidy/event-store';
import { QueryBus } from '@nestjs/cqrs';
import { GetBeneficiaryQuery } from '@subsidy/ledger/queries/queries';
import type { BeneficiaryView } from '@subsidy/ledger/read-models';
import { SeedLog } from '../support/seed-log';
import { benchPerson, type BenchPerson } from '../support/people';
import { registration } from '../support/program-year-setup';
import { BenchLedger } from '../support/ledger-app';
import { emitFigure, progress, round } from '../support/figures';
import { runScenario } from '../support/scenario';

const dir = process.argv[2]!;
const PEOPLE = 1_384;
const YEARS = Array.from({ length: 10 }, (_, k) => 2015 + k);
const DAY = 86_400_000;

/** People with category mental (every 7th bench person is). */
function recipients(): BenchPerson[] {
  const out: BenchPerson[] = [];
  for (let i = 0; out.length < PEOPLE; i++) {
    const p = benchPerson(i);
    if (p.category === CATEGORIES[5]) out.push(p);
  }
  return out;
}

async function seed(people: BenchPerson[]): Promise<number> {
  const log = await SeedLog.open(dir);
  const regAt = new Date('2014-11-03T02:00:00Z');
  for (const p of people) log.append(beneficiaryStream(p.idNumber), [registration(p, regAt)], 'clerk-li', regAt);
  for (const year of YEARS) {
    const code = 'psychiatric-medication';
    const stream = programYearStream(code, year);
    const total = money('1200.00').times(PEOPLE);
    const plan = { upper: formatMoney(total.times(0.6)), county: formatMoney(total.times(0.4)) };
    const opened = new Date(Date.UTC(year, 0, 6, 2));
    log.append(stream, [{ type: 'ProgramYearOpened', data: { programCode: code, year, quota: PEOPLE, rates: { standard: '1200.00' }, fundingPlan: plan, fundingPolicy: 'proportional' } }], 'finance-zhou', opened);
    for (const source of ['upper', 'county'] as const) {
      const data = { allocationId: deterministicUuid(stream, source), programCode: code, year, source, amount: plan[source], reference: `财社〔${year}〕8号`, receivedOn: `${year}-01-10` };
      log.append(stream, [{ type: 'AllocationRecorded', data }], 'finance-zhou', new Date(opened.getTime() + 4 * DAY));
    }
    people.forEach((p, k) => {
      const data = { enrollmentId: deterministicUuid(stream, String(k)), programCode: code, year, personId: p.idNumber, certificateNumber: p.certificateNumber, tier: 'standard', entitled: '1200.00' };
      log.append(stream, [{ type: 'BeneficiaryEnrolled', data }], 'clerk-li', new Date(opened.getTime() + 7 * DAY));
    });
    let disbursed = { upper: ZERO, county: ZERO };
    for (let month = 0; month < 12; month++) {
      const batchId = deterministicUuid('batch', stream, String(month));
      const lines: PaymentBatchLine[] = people.map((p, k) => ({ lineId: lineIdOf(batchId, k + 1), lineNo: k + 1, personId: p.idNumber, certificateNumber: p.certificateNumber, name: p.name, bankAccount: p.bankAccount, amount: '100.00' }));
      const draftAt = new Date(Date.UTC(year, month, 12, 2));
      const draft: PaymentBatchDraft = { batchId, programCode: code, year, maker: 'clerk-li', mode: 'lines', lineCount: PEOPLE, total: formatMoney(money('100.00').times(PEOPLE)), warnings: [], lines };
      for (const events of chunkDraft(draft).appends) log.append(paymentBatchStream(batchId), events, 'clerk-li', draftAt);
      const amounts = lines.map((l) => money(l.amount));
      const splits = allocateFunds({ policy: 'proportional', plan: { upper: money(plan.upper), county: money(plan.county) }, disbursedBefore: disbursed, amounts });
      const funding = { upper: sumMoney(splits.map((s) => s.upper)), county: sumMoney(splits.map((s) => s.county)) };
      const approved = {
        batchId, programCode: code, year, maker: 'clerk-li', approver: 'approver-zhao', lineCount: PEOPLE, total: draft.total,
        funding: { upper: formatMoney(funding.upper), county: formatMoney(funding.county) }, policy: 'proportional', plan,
        disbursedBefore: { upper: formatMoney(disbursed.upper), county: formatMoney(disbursed.county) }, linesDigest: digestLines(lines),
      };
      log.append(stream, [{ type: 'PaymentBatchApproved', data: approved }], 'approver-zhao', new Date(draftAt.getTime() + 2 * DAY));
      disbursed = { upper: disbursed.upper.plus(funding.upper), county: disbursed.county.plus(funding.county) };
      const failed = lines
        .filter((l) => l.lineNo % 400 === 7)
        .map((l) => {
          const s = splits[l.lineNo - 1]!;
          disbursed = { upper: disbursed.upper.minus(s.upper), county: disbursed.county.minus(s.county) };
          return { lineNo: l.lineNo, personId: l.personId, amount: l.amount, funding: { upper: formatMoney(s.upper), county: formatMoney(s.county) }, reason: '账户冻结 account frozen' };
        });
      const paid = lines.filter((l) => l.lineNo % 400 !== 7).map((l) => l.lineNo);
      log.append(stream, [{ type: 'BankReturnRecorded', data: { batchId, programCode: code, year, paid, failed } }], 'clerk-li', new Date(draftAt.getTime() + 6 * DAY));
    }
  }
  log.close();
  return log.count;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const people = recipients();
  const events = await seed(people);
  progress(`  ${events} events seeded; starting the ledger`);
  const ledger = await BenchLedger.open(dir);
  const queries = ledger.app.get(QueryBus);
  const person = people[0]!;
  const user = { name: 'auditor-wu', roles: ['auditor' as const] };
  const ask = (asOf: string) => queries.execute<GetBeneficiaryQuery, BeneficiaryView>(new GetBeneficiaryQuery(person.certificateNumber, { asOf, user }));
  // The answer is right before it is fast: by the end of 2024 every year is paid in full.
  const end = await ask('2024-12-31');
  const paid = end.entitlements.map((e) => e.paid);
  if (end.entitlements.length !== 10 || paid.some((p) => p !== '1200.00')) throw new Error(`asOf 2024-12-31 answered ${JSON.stringify(end.entitlements)}`);
  const mid = await ask('2019-06-30');
  if (mid.entitlements.length !== 5 || mid.entitlements[4]!.paid !== '600.00') throw new Error(`asOf 2019-06-30 answered ${JSON.stringify(mid.entitlements)}`);
  const dates: string[] = [];
  for (let k = 0; k < 300; k++) dates.push(new Date(Date.UTC(2015, 0, 1) + ((k * 7919) % 3650) * DAY).toISOString().slice(0, 10));
  const warm = performance.now();
  for (const d of dates.slice(0, 20)) if (performance.now() - warm < 10_000) await ask(d);
  // At most 300 queries or 30 s of them, so a slow answer cannot hold the bench up.
  const ms: number[] = [];
  const started = performance.now();
  for (const d of dates) {
    const t = performance.now();
    await ask(d);
    ms.push(performance.now() - t);
    if (performance.now() - started > 30_000) break;
  }
  await ledger.close();
  ms.sort((a, b) => a - b);
  emitFigure({
    name: 'asof',
    value: round(percentile(ms, 99), 2),
    unit: 'ms',
    conditions: `${ms.length} GetBeneficiaryQuery(asOf) through the query bus for one person, dates spread over 2015–2024, after up to 20 warm-ups (at most 10 s), at most 30 s of queries; p50 ${round(percentile(ms, 50), 2)} ms, max ${round(ms[ms.length - 1]!, 2)} ms; log of ${events} events: ${PEOPLE} people paid monthly for 10 years (120 batches of ${PEOPLE} lines)`,
  });
}

runScenario(main);
