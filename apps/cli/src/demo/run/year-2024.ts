/**
 * Jinzhai's 2024, step by step on the ledger's clock: the register in January, program-years opened in
 * February, enrollments in March (student aid in September, after admissions), money from above in April and
 * from the county in May, and payment rounds in June, July, October, November and December.
 *
 * Corrections, recorded so that the year still ends on the report's figures:
 * - three psychiatric-medication lines fail at the bank in June (closed, mismatched, frozen accounts); the
 *   clerk records each person's new card and a July batch pays them. Failed lines never count as paid.
 * - one care-services June line, paid to a wrong card, is reversed by the approver in July with its reason;
 *   the card is corrected and December's payOutstanding batch pays that person the reversed half as well as
 *   the second half, so all 89 are paid in full and the funds end at exactly 133,500.00 / 74,500.00.
 */
import type { ProgramCode } from '@subsidy/domain/catalogue/program-code';
import { formatMoney, money } from '@subsidy/domain/shared/money';
import type { ProgramYearPlan } from '../figures/program-years-2024';
import { BANK_FAILURE_REASONS } from '../generate/bank-answers';
import type { Participant } from '../generate/participants';
import type { DemoPerson } from '../generate/people';
import { Prng } from '../generate/prng';
import { newCardsAfterFailures, reverseOneLine, type Correction } from './corrections';
import type { DemoClock } from './demo-clock';
import type { Ledger } from './ledger';
import type { PhaseTimer } from './phase-timer';
import {
  enroll,
  openProgramYears,
  payRound,
  recordAllocations,
  registerPeople,
  type BatchOutcome,
  type BatchRequest,
} from './steps';

export interface YearInput {
  year: number;
  people: readonly DemoPerson[];
  participants: ReadonlyMap<ProgramCode, readonly Participant[]>;
  plans: readonly ProgramYearPlan[];
  seed: number;
  concurrency: number;
}

export interface YearRecord {
  batches: BatchOutcome[];
  bankFailures: Correction[];
  reversal: Correction;
}

const STUDENT_AID: readonly ProgramCode[] = ['student-aid-higher', 'student-aid-vocational'];

export async function recordYear(
  ledger: Ledger,
  clock: DemoClock,
  input: YearInput,
  timer: PhaseTimer,
): Promise<YearRecord> {
  const { year, people, participants, plans } = input;
  const prng = new Prng(input.seed ^ 0xba4c);
  const batches: BatchOutcome[] = [];
  const at = (monthDay: string, time: string) => `${year}-${monthDay} ${time}`;
  /** Drafted on the first day, approved on the second, the bank's answers on the third. */
  const round = async (days: [string, string, string], requests: readonly BatchRequest[]) => {
    const [draft, approve, bank] = days;
    const when = { draft: at(draft, '09:00'), approve: at(approve, '10:00'), bank: at(bank, '15:00') };
    const done = await payRound(ledger, clock, year, when, requests, prng.int(1, 1e9));
    batches.push(...done);
    return done;
  };

  await timer.time('register 登记 (Jan)', async () => {
    clock.set(at('01-02', '08:30'));
    await registerPeople(ledger, people, input.concurrency);
  });
  await timer.time('open program-years 开设项目 (Feb)', async () => {
    clock.set(at('02-26', '09:00'));
    await openProgramYears(ledger, plans, year);
  });
  await timer.time('enroll 纳入 (Mar)', async () => {
    clock.set(at('03-04', '09:00'));
    const programs = plans.map((p) => p.programCode).filter((c) => !STUDENT_AID.includes(c));
    await enroll(ledger, participants, programs, year);
  });
  await timer.time('allocations 上级拨付·县级配套 (Apr–May)', async () => {
    clock.set(at('04-15', '10:00'));
    await recordAllocations(ledger, plans, year, 'upper', `${year}-04-15`, 21);
    clock.set(at('05-20', '10:00'));
    await recordAllocations(ledger, plans, year, 'county', `${year}-05-20`, 31);
  });
  const [care, medication] = await timer.time('pay 发放 (Jun)', () =>
    round(
      ['06-17', '06-18', '06-21'],
      [
        { programCode: 'care-services', lines: halfYear(participants.get('care-services') ?? [], plans) },
        { programCode: 'psychiatric-medication', failures: Object.values(BANK_FAILURE_REASONS) },
        { programCode: 'fuel-subsidy' },
      ],
    ),
  );
  const { bankFailures, reversal } = await timer.time('corrections 换卡·冲正 (Jul)', async () => {
    clock.set(at('07-08', '09:00'));
    const failures = await newCardsAfterFailures(ledger, medication!, prng);
    clock.set(at('07-09', '10:00'));
    return { bankFailures: failures, reversal: await reverseOneLine(ledger, care!, prng) };
  });
  const [repaid] = await timer.time('re-pay failed lines 补发 (Jul)', () =>
    round(['07-10', '07-11', '07-15'], [{ programCode: 'psychiatric-medication' }]),
  );
  for (const f of bankFailures) f.repaidIn = repaid!.batchId;
  await timer.time('student aid: enroll (Sep), pay (Oct) 学生资助', async () => {
    clock.set(at('09-09', '09:00'));
    await enroll(ledger, participants, STUDENT_AID, year);
    await round(
      ['10-14', '10-15', '10-18'],
      STUDENT_AID.map((programCode) => ({ programCode })),
    );
  });
  await timer.time('pay 发放 (Nov)', () =>
    round(
      ['11-11', '11-12', '11-15'],
      [
        { programCode: 'vocational-training' },
        { programCode: 'child-rehabilitation' },
        { programCode: 'assistive-devices' },
      ],
    ),
  );
  const [, careSecondHalf] = await timer.time('pay 发放 (Dec)', () =>
    round(
      ['12-09', '12-10', '12-13'],
      [{ programCode: 'accessibility-renovation' }, { programCode: 'care-services' }],
    ),
  );
  reversal.repaidIn = careSecondHalf!.batchId;
  return { batches, bankFailures, reversal };
}

/** The June instalment of care: half of each person's annual rate, as explicit lines. */
function halfYear(participants: readonly Participant[], plans: readonly ProgramYearPlan[]) {
  const rates = plans.find((p) => p.programCode === 'care-services')!.rates;
  return participants.map(({ certificateNumber, tier }) => ({
    certificateNumber,
    amount: formatMoney(money(rates[tier]!).div(2)),
  }));
}
