import type {
  BankReturnRecorded,
  BeneficiaryEnrolled,
  PaymentBatchApproved,
  PaymentReversed,
} from '@subsidy/domain/events/program-year-events';
import type Database from 'better-sqlite3';
import { toFen } from '../fen';
import { BufferedRows, MultiRowInsert } from '../multi-row-insert';
import { dataOf, defineProjection, recordedAtOf, StatementCache } from '../projection';
import {
  addApprovedBatch,
  bulkCatchUpStarts,
  caughtUp,
  leavesPaidSums,
  PAID_DDL,
  PAID_PENDING_TABLE,
  PAID_TABLE,
  takeBackLine,
} from './entitlement-paid-sums';

/**
 * What each person is owed per program-year (`entitlement`, one row per enrollment, never updated), and what
 * they have been paid (`entitlement_paid`, entitlement-paid-sums.ts): net (approved minus failed and reversed),
 * per source too, and `live_lines`, the person's lines that are approved or paid, so "paid persons" means
 * live_lines > 0. Keyed by program-year, then person, as the paid sums are; a person's rows are found through
 * `entitlement_by_person`. An approval's per-line splits are read from `payment_split` (payment-batches
 * projection), which derived them with `allocateFunds`. `enrolled_at` is the enrollment's recordedAt, for
 * `asOf` answers (time-travel). A bulk catch-up leaves the paid sums to its end and computes them once.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS entitlement (
  person_id TEXT NOT NULL,
  program_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  enrolled_at TEXT NOT NULL,
  tier TEXT NOT NULL,
  entitled_fen INTEGER NOT NULL,
  PRIMARY KEY (program_code, year, person_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entitlement_by_person ON entitlement (person_id);
${PAID_DDL}`;

/** Enrollments, held back and written many to a statement (a rebuild has 652 k of them). */
const statements = new StatementCache((db) => ({
  enrolled: new BufferedRows(
    new MultiRowInsert(db, 'entitlement', [
      'person_id',
      'program_code',
      'year',
      'seq',
      'enrolled_at',
      'tier',
      'entitled_fen',
    ]),
  ),
}));

/** A failed or reversed line gives its amount and upper part back (the county part is the rest). */
function giveBack(
  db: Database.Database,
  line: { amount: string; funding: { upper: string } },
  personId: string,
  programCode: string,
  year: number,
): void {
  const fen = { amountFen: toFen(line.amount), upperFen: toFen(line.funding.upper) };
  takeBackLine(db, fen, personId, programCode, year);
}

export const entitlementsProjection = defineProjection({
  name: 'entitlements',
  version: 6,
  ddl: DDL,
  tables: ['entitlement', PAID_TABLE],
  stateTables: [PAID_PENDING_TABLE],
  dependsOn: ['payment-batches'],
  deferrableIndexes: ['entitlement_by_person'],
  statements,
  bulkCatchUpStarts,
  caughtUp,
  reads: {
    BeneficiaryEnrolled: ['personId', 'programCode', 'year', 'tier', 'entitled'],
    PaymentBatchApproved: ['batchId', 'programCode', 'year'],
    BankReturnRecorded: ['programCode', 'year', 'failed'],
    PaymentReversed: ['personId', 'programCode', 'year', 'amount', 'funding'],
  },
  handlers: {
    BeneficiaryEnrolled(db, e) {
      const d = dataOf<BeneficiaryEnrolled>(e);
      statements
        .get(db)
        .enrolled.add(e.position, [
          d.personId,
          d.programCode,
          d.year,
          e.position,
          recordedAtOf(e),
          d.tier,
          toFen(d.entitled),
        ]);
    },
    PaymentBatchApproved(db, e) {
      if (leavesPaidSums(db)) return;
      const d = dataOf<PaymentBatchApproved>(e);
      addApprovedBatch(db, d.batchId, d.programCode, d.year);
    },
    BankReturnRecorded(db, e) {
      if (leavesPaidSums(db)) return;
      const d = dataOf<BankReturnRecorded>(e);
      for (const f of d.failed) giveBack(db, f, f.personId, d.programCode, d.year);
    },
    PaymentReversed(db, e) {
      if (leavesPaidSums(db)) return;
      const d = dataOf<PaymentReversed>(e);
      giveBack(db, d, d.personId, d.programCode, d.year);
    },
  },
  flush(db, upTo) {
    statements.peek(db)?.enrolled.flush(upTo);
  },
});
