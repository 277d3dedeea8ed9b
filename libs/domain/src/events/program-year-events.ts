/**
 * Events of a program-year stream (`program-year-{code}-{year}`): the one stream every money invariant of a
 * program in a year meets in. Money fields are two-decimal strings.
 */
import type { MoneyString } from '../shared/money';
import type { ProgramCode } from '../catalogue/program-code';

export type FundingSource = 'upper' | 'county'; // 上级 upper-level federation / 县级 county budget
export type FundingSplit = { upper: MoneyString; county: MoneyString };

/**
 * How a payment is split between sources: `proportional` (default) keeps the running net total split in the
 * plan's ratio, so once the plan is paid each source has paid exactly its plan; `upper-first` spends
 * upper-level money first (up to its plan), then county money; `county-first` the reverse.
 */
export type FundingPolicy = 'proportional' | 'upper-first' | 'county-first';

export interface ProgramYearConfig {
  programCode: ProgramCode;
  year: number;
  quota: number; // 任务数
  rates: Record<string, MoneyString>; // per tier, per person-year
  fundingPlan: FundingSplit;
  fundingPolicy: FundingPolicy;
}

export interface ProgramYearOpened {
  type: 'ProgramYearOpened';
  data: ProgramYearConfig;
}

/** The whole new configuration (not a diff), so a reader never has to merge. */
export interface ProgramYearAmended {
  type: 'ProgramYearAmended';
  data: ProgramYearConfig;
}

/** Money received for the program-year from one source (上级拨付 / 县级配套). */
export interface AllocationRecorded {
  type: 'AllocationRecorded';
  data: {
    allocationId: string;
    programCode: ProgramCode;
    year: number;
    source: FundingSource;
    amount: MoneyString;
    reference: string; // 文号
    receivedOn: string; // YYYY-MM-DD
  };
}

export interface BeneficiaryEnrolled {
  type: 'BeneficiaryEnrolled';
  data: {
    enrollmentId: string;
    programCode: ProgramCode;
    year: number;
    personId: string;
    certificateNumber: string;
    tier: string;
    entitled: MoneyString;
  };
}

/**
 * The commit point of a batch's approval, appended with the program-year's exact expected revision.
 * Per-line payments and their splits are a pure function of this event and the batch's immutable draft
 * lines (`allocateFunds`), so a batch of any size commits atomically in one small event.
 */
export interface PaymentBatchApproved {
  type: 'PaymentBatchApproved';
  data: {
    batchId: string;
    programCode: ProgramCode;
    year: number;
    maker: string;
    approver: string;
    lineCount: number;
    total: MoneyString;
    funding: FundingSplit; // this batch's split, sum of its lines' splits
    policy: FundingPolicy;
    plan: FundingSplit; // the plan the splits were computed against
    disbursedBefore: FundingSplit; // net disbursed per source just before this batch
    linesDigest: string; // SHA-256 over the draft lines, so a changed draft cannot pass as the approved one
  };
}

export type BankLineResult = 'paid' | 'failed';

/** The bank's answer for some lines of an approved batch; a failed line's money goes back. */
export interface BankReturnRecorded {
  type: 'BankReturnRecorded';
  data: {
    batchId: string;
    programCode: ProgramCode;
    year: number;
    /** Line numbers (1-based, as in lineId) the bank paid. */
    paid: number[];
    /** Failed lines, with what goes back to the person and to each source. */
    failed: Array<{ lineNo: number; personId: string; amount: MoneyString; funding: FundingSplit; reason: string }>;
  };
}

/** Undoes a paid (or approved, not yet returned) line: the money goes back as for a failure. */
export interface PaymentReversed {
  type: 'PaymentReversed';
  data: {
    batchId: string;
    programCode: ProgramCode;
    year: number;
    lineId: string;
    lineNo: number;
    personId: string;
    amount: MoneyString;
    funding: FundingSplit;
    reason: string;
  };
}

export type ProgramYearEvent =
  | ProgramYearOpened
  | ProgramYearAmended
  | AllocationRecorded
  | BeneficiaryEnrolled
  | PaymentBatchApproved
  | BankReturnRecorded
  | PaymentReversed;
