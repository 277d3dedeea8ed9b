/** The commands of the year, each step through the ledger's command bus. */
import type { ProgramCode } from '@subsidy/domain/catalogue/program-code';
import {
  OpenProgramYearCommand,
  RecordAllocationCommand,
} from '@subsidy/ledger/programs/commands/program.commands';
import { RegisterBeneficiaryCommand } from '@subsidy/ledger/registry/commands/registry.commands';
import { EnrollBeneficiaryCommand } from '@subsidy/ledger/enrollment/commands/enroll-beneficiary.command';
import {
  ApprovePaymentBatchCommand,
  DraftPaymentBatchCommand,
  RecordBankReturnCommand,
} from '@subsidy/ledger/disbursement/commands/disbursement.commands';
import type { DraftedBatch } from '@subsidy/ledger/disbursement/handlers/draft-payment-batch.handler';
import { ALLOCATION_REFERENCE } from '../figures/assumed-2024';
import type { ProgramYearPlan } from '../figures/program-years-2024';
import { bankAnswers, type BankAnswer } from '../generate/bank-answers';
import type { Participant } from '../generate/participants';
import type { DemoPerson } from '../generate/people';
import { ACTORS } from './actors';
import type { DemoClock } from './demo-clock';
import type { Ledger } from './ledger';
import { forEachLimited } from './promise-pool';

/** 登记: the existing register entered by the clerk, `concurrency` commands in flight. */
export async function registerPeople(
  ledger: Ledger,
  people: readonly DemoPerson[],
  concurrency: number,
): Promise<void> {
  await forEachLimited(people, concurrency, ({ certificateNumber, name, township, bankAccount }) =>
    ledger.execute(
      ACTORS.clerk,
      (ctx) => new RegisterBeneficiaryCommand(ctx, { certificateNumber, name, township, bankAccount }),
    ),
  );
}

export async function openProgramYears(
  ledger: Ledger,
  plans: readonly ProgramYearPlan[],
  year: number,
): Promise<void> {
  for (const { programCode, quota, rates, fundingPlan } of plans) {
    await ledger.execute(
      ACTORS.finance,
      (ctx) =>
        new OpenProgramYearCommand(ctx, programCode, year, { quota, rates: { ...rates }, fundingPlan }),
    );
  }
}

/** 上级拨付 or 县级配套: one allocation per program-year of its whole planned share (none where it is 0.00). */
export async function recordAllocations(
  ledger: Ledger,
  plans: readonly ProgramYearPlan[],
  year: number,
  source: 'upper' | 'county',
  receivedOn: string,
  firstDocumentNo: number,
): Promise<void> {
  let documentNo = firstDocumentNo;
  for (const { programCode, fundingPlan } of plans) {
    const amount = fundingPlan[source];
    if (amount === '0.00') continue;
    const reference = ALLOCATION_REFERENCE[source](documentNo++);
    await ledger.execute(
      ACTORS.finance,
      (ctx) => new RecordAllocationCommand(ctx, programCode, year, { source, amount, reference, receivedOn }),
    );
  }
}

/** Enrollments of one program-year one after another (they share its stream); program-years side by side. */
export async function enroll(
  ledger: Ledger,
  participants: ReadonlyMap<ProgramCode, readonly Participant[]>,
  programs: readonly ProgramCode[],
  year: number,
): Promise<void> {
  await Promise.all(
    programs.map(async (programCode) => {
      for (const { certificateNumber, tier } of participants.get(programCode) ?? []) {
        await ledger.execute(
          ACTORS.clerk,
          (ctx) => new EnrollBeneficiaryCommand(ctx, { certificateNumber, programCode, year, tier }),
        );
      }
    }),
  );
}

export interface BatchRequest {
  programCode: ProgramCode;
  /** Explicit lines (e.g. a half-year instalment); payOutstanding when absent. */
  lines?: Array<{ certificateNumber: string; amount: string }>;
  /** Reasons of lines the bank will fail. */
  failures?: readonly string[];
}

export interface BatchOutcome {
  programCode: ProgramCode;
  batchId: string;
  total: string;
  lines: DraftedBatch['lines'];
  warnings: DraftedBatch['warnings'];
  answers: BankAnswer[];
}

/**
 * A payment round: the clerk drafts every batch on `days.draft`, the approver approves them on
 * `days.approve`, and the bank's answers are imported on `days.bank` (all lines paid but the failures).
 */
export async function payRound(
  ledger: Ledger,
  clock: DemoClock,
  year: number,
  days: { draft: string; approve: string; bank: string },
  requests: readonly BatchRequest[],
  seed: number,
): Promise<BatchOutcome[]> {
  clock.set(days.draft);
  const drafted: DraftedBatch[] = [];
  for (const { programCode, lines } of requests) {
    const input = lines ? { programCode, year, lines } : { programCode, year, payOutstanding: true };
    drafted.push(
      await ledger.execute<DraftedBatch>(ACTORS.clerk, (ctx) => new DraftPaymentBatchCommand(ctx, input)),
    );
  }
  clock.set(days.approve);
  for (const { batchId } of drafted) {
    await ledger.execute(ACTORS.approver, (ctx) => new ApprovePaymentBatchCommand(ctx, batchId));
  }
  clock.set(days.bank);
  return Promise.all(
    requests.map(async (request, i) => {
      const { batchId, total, lines, warnings } = drafted[i]!;
      const answers = bankAnswers(lines, request.failures ?? [], seed + i);
      await ledger.execute(ACTORS.clerk, (ctx) => new RecordBankReturnCommand(ctx, batchId, answers));
      return { programCode: request.programCode, batchId, total, lines, warnings, answers };
    }),
  );
}
