/**
 * A large, realistic log for the rebuild figure: the ledger of ten counties (270,660 registered persons) over
 * the years from 2019 on, appended through SeedLog (hash-chained envelope, straight into the log file).
 *
 * Per year: 12,000 changes to people (8,000 bank cards, 3,000 townships, 1,000 re-assessments); the nine
 * program-years opened with both allocations; about 106,000 enrollments following the catalogue's category
 * and grade rules; each program-year paid in two half-year batches (explicit lines, half the entitlement),
 * each drafted in chunks, approved, answered by the bank (0.3% of lines failed), and five payments reversed.
 * Approvals carry the real `allocateFunds` splits and line digests, so projections re-derive them as in life.
 * Stops at the first whole program-year step at or beyond `targetEvents`.
 */
import { CATEGORIES, type Category, type Grade } from '@subsidy/domain/registry/certificate';
import type { ProgramCode } from '@subsidy/domain/catalogue/program-code';
import { allocateFunds, chunkDraft, digestLines, lineIdOf, type PaymentBatchDraft } from '@subsidy/domain/disbursement';
import type { PaymentBatchLine } from '@subsidy/domain/events/payment-batch-events';
import { beneficiaryStream, paymentBatchStream, programYearStream } from '@subsidy/domain/events/streams';
import { formatMoney, money, sumMoney, ZERO } from '@subsidy/domain/shared/money';
import { deterministicUuid } from '@subsidy/event-store';
import { benchPerson, TOWNSHIPS, type BenchPerson } from './people';
import { registration } from './program-year-setup';
import type { SeedLog } from './seed-log';

export const CITY_PERSONS = 270_660;
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];

interface ProgramShape {
  code: ProgramCode;
  rates: Record<string, string>;
  /** Who is enrolled (by person index and their current category/grade), about how many a year. */
  take: (i: number, c: Category, g: Grade) => boolean;
}

const PROGRAMS: ProgramShape[] = [
  { code: 'psychiatric-medication', rates: { standard: '1200.00' }, take: (_i, c) => c === 'mental' },
  { code: 'fuel-subsidy', rates: { standard: '300.00' }, take: (i, c) => c === 'physical' && i % 4 === 0 },
  {
    code: 'care-services',
    rates: { residential: '6000.00', day: '3000.00', home: '1200.00' },
    take: (i, c, g) => (c === 'intellectual' || (c === 'physical' && g <= 2)) && i % 5 === 1,
  },
  { code: 'student-aid-higher', rates: { standard: '5000.00' }, take: (i) => i % 270 === 3 },
  { code: 'student-aid-vocational', rates: { standard: '2000.00' }, take: (i) => i % 270 === 7 },
  { code: 'vocational-training', rates: { standard: '1500.00' }, take: (i) => i % 34 === 5 },
  { code: 'child-rehabilitation', rates: { standard: '12000.00' }, take: (i) => i % 90 === 11 },
  { code: 'assistive-devices', rates: { standard: '800.00' }, take: (i) => i % 9 === 2 },
  { code: 'accessibility-renovation', rates: { standard: '5000.00' }, take: (i, _c, g) => g <= 2 && i % 10 === 4 },
];

const CARE_TIERS = ['home', 'home', 'home', 'day', 'residential'];

export interface CityLogStats {
  events: number;
  lines: number;
  byType: Record<string, number>;
}

export function seedCityLog(log: SeedLog, targetEvents: number, onProgress: (m: string) => void): CityLogStats {
  const byType: Record<string, number> = {};
  let lines = 0;
  const append = (stream: string, events: Array<{ type: string; data: unknown }>, actor: string, at: Date) => {
    for (const e of events) byType[e.type] = (byType[e.type] ?? 0) + 1;
    log.append(stream, events, actor, at);
  };
  const persons: BenchPerson[] = [];
  const regAt = new Date('2019-12-02T01:00:00Z');
  for (let i = 0; i < CITY_PERSONS; i++) {
    const p = benchPerson(i);
    persons.push(p);
    const at = new Date(regAt.getTime() + i * 1000);
    append(beneficiaryStream(p.idNumber), [registration(p, at)], 'clerk-li', at);
  }
  onProgress(`  ${CITY_PERSONS} registrations`);
  const current = persons.map((p) => ({ category: p.category, grade: p.grade, cert: p.certificateNumber }));

  for (const year of YEARS) {
    const yearStart = Date.UTC(year, 0, 3, 1);
    // Changes to people through the year.
    for (let k = 0; k < 12_000; k++) {
      const i = (k * 7919 + year * 104_729) % CITY_PERSONS;
      const p = persons[i]!;
      const at = new Date(yearStart + k * 2_000_000);
      if (k % 12 < 8) {
        const bankAccount = `622848${String(year * 1_000_000 + k).padStart(13, '0')}`;
        append(beneficiaryStream(p.idNumber), [{ type: 'BeneficiaryBankAccountChanged', data: { personId: p.idNumber, bankAccount } }], 'clerk-li', at);
      } else if (k % 12 < 11) {
        const township = TOWNSHIPS[(i + k) % TOWNSHIPS.length]!;
        append(beneficiaryStream(p.idNumber), [{ type: 'BeneficiaryTownshipChanged', data: { personId: p.idNumber, township } }], 'clerk-li', at);
      } else {
        const c = current[i]!;
        const grade = ((c.grade % 4) + 1) as Grade;
        const cert = `${p.idNumber}${CATEGORIES.indexOf(c.category) + 1}${grade}`;
        append(
          beneficiaryStream(p.idNumber),
          [{ type: 'BeneficiaryReassessed', data: { personId: p.idNumber, previousCertificateNumber: c.cert, certificateNumber: cert, category: c.category, grade } }],
          'clerk-li',
          at,
        );
        current[i] = { category: c.category, grade, cert };
      }
    }
    for (const program of PROGRAMS) {
      const stream = programYearStream(program.code, year);
      const enrolled: Array<{ person: number; tier: string; entitled: string }> = [];
      for (let i = 0; i < CITY_PERSONS; i++) {
        const c = current[i]!;
        if (!program.take(i, c.category, c.grade)) continue;
        const tier = program.code === 'care-services' ? CARE_TIERS[i % CARE_TIERS.length]! : 'standard';
        enrolled.push({ person: i, tier, entitled: program.rates[tier]! });
      }
      const total = sumMoney(enrolled.map((e) => money(e.entitled)));
      const upper = total.times(6).div(10).toDecimalPlaces(2);
      const plan = { upper: formatMoney(upper), county: formatMoney(total.minus(upper)) };
      const opened = new Date(yearStart + 86_400_000 * 30);
      append(stream, [{ type: 'ProgramYearOpened', data: { programCode: program.code, year, quota: enrolled.length, rates: program.rates, fundingPlan: plan, fundingPolicy: 'proportional' } }], 'finance-zhou', opened);
      for (const source of ['upper', 'county'] as const) {
        const data = { allocationId: deterministicUuid('alloc', stream, source), programCode: program.code, year, source, amount: plan[source], reference: `财社〔${year}〕${source === 'upper' ? 21 : 37}号`, receivedOn: `${year}-03-15` };
        append(stream, [{ type: 'AllocationRecorded', data }], 'finance-zhou', opened);
      }
      enrolled.forEach((e, k) => {
        const p = persons[e.person]!;
        const data = { enrollmentId: deterministicUuid('enrol', stream, String(k)), programCode: program.code, year, personId: p.idNumber, certificateNumber: current[e.person]!.cert, tier: e.tier, entitled: e.entitled };
        append(stream, [{ type: 'BeneficiaryEnrolled', data }], 'clerk-li', new Date(opened.getTime() + 86_400_000 + k * 100));
      });
      let disbursed = { upper: ZERO, county: ZERO };
      for (const half of [1, 2]) {
        const batchId = deterministicUuid('batch', stream, String(half));
        const draftAt = new Date(Date.UTC(year, half === 1 ? 5 : 11, 10, 2));
        const batchLines: PaymentBatchLine[] = enrolled.map((e, k) => {
          const p = persons[e.person]!;
          return {
            lineId: lineIdOf(batchId, k + 1),
            lineNo: k + 1,
            personId: p.idNumber,
            certificateNumber: current[e.person]!.cert,
            name: p.name,
            bankAccount: p.bankAccount,
            amount: formatMoney(money(e.entitled).div(2)),
          };
        });
        lines += batchLines.length;
        const amounts = batchLines.map((l) => money(l.amount));
        const batchTotal = formatMoney(sumMoney(amounts));
        const draft: PaymentBatchDraft = { batchId, programCode: program.code, year, maker: 'clerk-li', mode: 'lines', lineCount: batchLines.length, total: batchTotal, warnings: [], lines: batchLines };
        for (const events of chunkDraft(draft).appends) append(paymentBatchStream(batchId), events, 'clerk-li', draftAt);
        const planD = { upper: money(plan.upper), county: money(plan.county) };
        const splits = allocateFunds({ policy: 'proportional', plan: planD, disbursedBefore: disbursed, amounts });
        const funding = { upper: sumMoney(splits.map((s) => s.upper)), county: sumMoney(splits.map((s) => s.county)) };
        const approved = {
          batchId, programCode: program.code, year, maker: 'clerk-li', approver: 'approver-zhao', lineCount: batchLines.length, total: batchTotal,
          funding: { upper: formatMoney(funding.upper), county: formatMoney(funding.county) }, policy: 'proportional', plan,
          disbursedBefore: { upper: formatMoney(disbursed.upper), county: formatMoney(disbursed.county) }, linesDigest: digestLines(batchLines),
        };
        const approveAt = new Date(draftAt.getTime() + 3 * 86_400_000);
        append(stream, [{ type: 'PaymentBatchApproved', data: approved }], 'approver-zhao', approveAt);
        disbursed = { upper: disbursed.upper.plus(funding.upper), county: disbursed.county.plus(funding.county) };
        const paid: number[] = [];
        const failed: Array<{ lineNo: number; personId: string; amount: string; funding: { upper: string; county: string }; reason: string }> = [];
        batchLines.forEach((l, k) => {
          if (k % 333 === 100) {
            const s = splits[k]!;
            failed.push({ lineNo: l.lineNo, personId: l.personId, amount: l.amount, funding: { upper: formatMoney(s.upper), county: formatMoney(s.county) }, reason: '账户已销户 account closed' });
            disbursed = { upper: disbursed.upper.minus(s.upper), county: disbursed.county.minus(s.county) };
          } else paid.push(l.lineNo);
        });
        append(stream, [{ type: 'BankReturnRecorded', data: { batchId, programCode: program.code, year, paid, failed } }], 'clerk-li', new Date(approveAt.getTime() + 5 * 86_400_000));
        if (half === 2) {
          for (let r = 0; r < Math.min(5, batchLines.length); r++) {
            const k = (r * 97) % batchLines.length;
            if (k % 333 === 100) continue;
            const l = batchLines[k]!;
            const s = splits[k]!;
            append(stream, [{ type: 'PaymentReversed', data: { batchId, programCode: program.code, year, lineId: l.lineId, lineNo: l.lineNo, personId: l.personId, amount: l.amount, funding: { upper: formatMoney(s.upper), county: formatMoney(s.county) }, reason: '重复发放 paid twice' } }], 'approver-zhao', new Date(approveAt.getTime() + 20 * 86_400_000));
            disbursed = { upper: disbursed.upper.minus(s.upper), county: disbursed.county.minus(s.county) };
          }
        }
      }
      if (log.count >= targetEvents) {
        onProgress(`  reached ${log.count} events in ${program.code} ${year}`);
        return { events: log.count, lines, byType };
      }
    }
    onProgress(`  ${year}: ${log.count} events, ${lines} payment lines so far`);
  }
  return { events: log.count, lines, byType };
}
