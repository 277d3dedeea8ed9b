/**
 * Events of a batch's own stream (`payment-batch-{batchId}`): its immutable draft. A large draft is written
 * as a header and line chunks, each append under EventStoreDB's 1 MiB; the draft is complete when its chunks
 * hold `lineCount` lines. Nothing here moves money: approval does, in the program-year stream.
 */
import type { MoneyString } from '../shared/money';
import type { ProgramCode } from '../catalogue/program-code';
import type { FundingSource } from './program-year-events';

export interface PaymentBatchDrafted {
  type: 'PaymentBatchDrafted';
  data: {
    batchId: string;
    programCode: ProgramCode;
    year: number;
    maker: string;
    mode: 'lines' | 'payOutstanding';
    lineCount: number;
    total: MoneyString;
    chunkCount: number;
    /** Funds short at drafting time (a draft reserves nothing; approval checks again). */
    warnings: Array<{ source: FundingSource; shortfall: MoneyString; message: string }>;
  };
}

export interface PaymentBatchLine {
  lineId: string; // `${batchId}-${lineNo}`
  lineNo: number; // 1-based, the order splits are computed in
  personId: string;
  certificateNumber: string;
  name: string;
  bankAccount: string; // snapshot: the checker approves payment to this account
  amount: MoneyString;
}

export interface PaymentBatchLinesDrafted {
  type: 'PaymentBatchLinesDrafted';
  data: { batchId: string; chunk: number; lines: PaymentBatchLine[] };
}

export type PaymentBatchEvent = PaymentBatchDrafted | PaymentBatchLinesDrafted;
