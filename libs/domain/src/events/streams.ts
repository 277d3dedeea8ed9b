/**
 * Stream names. Each stream is the consistency boundary for the invariants listed beside it
 * (see docs/ARCHITECTURE.md): an append with an exact expected revision proves nothing changed underneath.
 */
import type { ProgramCode } from '../catalogue/program-code';

/** One person, keyed by the 18-character ID number inside every certificate number they ever held. */
export const beneficiaryStream = (idNumber: string): string => `beneficiary-${idNumber}`;

/**
 * One program in one budget year: its configuration, allocations, enrollments, approvals, bank returns and
 * reversals. Every money invariant (no overpayment, no overdraft, exact splits, approve once) lives here.
 */
export const programYearStream = (programCode: ProgramCode, year: number): string =>
  `program-year-${programCode}-${year}`;

/** One payment batch's immutable draft: header and line chunks. Approval is recorded in the program-year. */
export const paymentBatchStream = (batchId: string): string => `payment-batch-${batchId}`;

/** The response to one Idempotency-Key, written once (expected revision no_stream). */
export const idempotencyStream = (keyHash: string): string => `idempotency-${keyHash}`;

/** Auditors' seals over the log. */
export const SEAL_STREAM = 'audit-seals';
