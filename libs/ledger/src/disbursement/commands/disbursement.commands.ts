import type { CommandContext } from '@subsidy/event-store';
import type { ProgramCode } from '@subsidy/domain/catalogue/program-code';

/** A maker drafts a batch: explicit lines, or everyone still owed (payOutstanding). Reserves nothing. */
export class DraftPaymentBatchCommand {
  constructor(
    readonly context: CommandContext,
    readonly input: {
      programCode: ProgramCode;
      year: number;
      lines?: Array<{ certificateNumber: string; amount: string }>;
      payOutstanding?: boolean;
    },
  ) {}
}

/** A checker (not the maker) approves: every rule re-checked atomically; payments recorded, split by source. */
export class ApprovePaymentBatchCommand {
  constructor(
    readonly context: CommandContext,
    readonly batchId: string,
  ) {}
}

/** The bank's answer per line: paid, or failed with a reason (the money goes back). */
export class RecordBankReturnCommand {
  constructor(
    readonly context: CommandContext,
    readonly batchId: string,
    readonly lines: Array<{ lineId: string; result: 'paid' | 'failed'; reason?: string }>,
  ) {}
}

/** Undoes a paid line, with who and why; the money goes back to the person's balance and the funds. */
export class ReversePaymentCommand {
  constructor(
    readonly context: CommandContext,
    readonly lineId: string,
    readonly reason: string,
  ) {}
}
