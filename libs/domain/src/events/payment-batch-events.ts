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

/**
 * A chunk of a draft's lines (schema version 2), as columns: element i of each array is line `firstLineNo + i`,
 * whose id is `${batchId}-${lineNo}` (so neither is stored per line). Lines of a chunk are always consecutive,
 * which lets any chunk be read alone, in any order. Columns instead of one object per line: the 1 M-event
 * rebuild log holds 1.3 M lines, and moving them between threads (structured clone) and parsing them cost
 * 2–5× more as objects with repeated keys; the JSON is ~40 % of the size, so a 48 KiB chunk holds ~2.5× the
 * lines. Read either stored version with `chunkLinesOf` (disbursement/chunk-lines.ts).
 */
export interface PaymentBatchLinesDrafted {
  type: 'PaymentBatchLinesDrafted';
  data: {
    batchId: string;
    chunk: number;
    /**
     * ≥ 1 as drafted. 0 only on a version-1 chunk upcast whose lines were not numbered consecutively with ids
     * `${batchId}-${lineNo}` (never written so, but stored data is not trusted): its draft cannot be approved.
     */
    firstLineNo: number;
    personIds: string[];
    certificateNumbers: string[];
    names: string[];
    bankAccounts: string[]; // snapshot: the checker approves payment to these accounts
    amounts: MoneyString[];
  };
}

/** Data of `PaymentBatchLinesDrafted` as stored at schema version 1 (one object per line); still replayed. */
export interface PaymentBatchLinesDraftedV1Data {
  batchId: string;
  chunk: number;
  lines: PaymentBatchLine[];
}

export type PaymentBatchEvent = PaymentBatchDrafted | PaymentBatchLinesDrafted;
