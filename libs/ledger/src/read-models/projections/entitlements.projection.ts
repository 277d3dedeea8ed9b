import type {
  BankReturnRecorded,
  BeneficiaryEnrolled,
  PaymentBatchApproved,
  PaymentReversed,
} from '@subsidy/domain/events/program-year-events';
import type Database from 'better-sqlite3';
import { toFen } from '../fen';
import { BufferedRows, MultiRowInsert } from '../multi-row-insert';
import { UPPER_FEN_SQL } from '../line-splits';
import { dataOf, defineProjection, recordedAtOf, StatementCache } from '../projection';
import {
  bulkCatchUpStarts,
  caughtUp,
  leavesPaidSums,
  PAID_PENDING_DDL,
  PAID_PENDING_TABLE,
} from './entitlement-paid-sums';

/**
 * What each person is owed and has been paid, per program-year (`entitlement`). `paid_*` are net (approved
 * minus failed and reversed), per source too; `live_lines` counts the person's lines that are approved or
 * paid, so "paid persons" means live_lines > 0. Keyed by program-year, then person: an approval updates one
 * program-year's rows, which sit together, so a 270,660-line batch dirties a few thousand pages, not one page
 * per line (a rebuild spent most of its time writing those); a person's rows are found through
 * `entitlement_by_person`. An approval's per-line splits are read from `payment_split`
 * (payment-batches projection), which derived them with `allocateFunds`. `enrolled_at` is the enrollment's
 * recordedAt, for `asOf` answers (time-travel). A bulk catch-up leaves the paid sums to its end and computes them
 * once (entitlement-paid-sums.ts).
 */
const entitlementTable = (name: string) => `
CREATE TABLE IF NOT EXISTS ${name} (
  person_id TEXT NOT NULL,
  program_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  enrolled_at TEXT NOT NULL,
  tier TEXT NOT NULL,
  entitled_fen INTEGER NOT NULL,
  paid_fen INTEGER NOT NULL DEFAULT 0,
  paid_upper_fen INTEGER NOT NULL DEFAULT 0,
  paid_county_fen INTEGER NOT NULL DEFAULT 0,
  live_lines INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (program_code, year, person_id)
) WITHOUT ROWID;`;

const DDL = `
${entitlementTable('entitlement')}
CREATE INDEX IF NOT EXISTS entitlement_by_person ON entitlement (person_id);
${PAID_PENDING_DDL}`;

const statements = new StatementCache((db) => ({
  /**
   * Enrollments, held back and written many to a statement (a rebuild has 652 k of them). Every other handler
   * here reads or updates `entitlement`, so it writes them first.
   */
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
  /**
   * An approval in one statement: each person's lines of the batch summed (amount, split, count), added to
   * their entitlement in the batch's program-year. SQLite does the per-line work; no call from JS per line.
   */
  approve: db.prepare<[string, string, number]>(
    `UPDATE entitlement SET paid_fen = paid_fen + l.amount, paid_upper_fen = paid_upper_fen + l.upper,
       paid_county_fen = paid_county_fen + l.amount - l.upper, live_lines = live_lines + l.lines
     FROM (SELECT l.person_id, SUM(l.amount_fen) AS amount, SUM(${UPPER_FEN_SQL}) AS upper, COUNT(*) AS lines
           FROM payment_batch b JOIN payment_line l ON l.batch_seq = b.seq
           WHERE b.batch_id = ? GROUP BY l.person_id) AS l
     WHERE entitlement.program_code = ? AND entitlement.year = ? AND entitlement.person_id = l.person_id`,
  ),
  /** Adds a (signed) payment to a person's entitlement: +1 live line on approval, −1 on failure or reversal. */
  pay: db.prepare(
    `UPDATE entitlement SET paid_fen = paid_fen + ?, paid_upper_fen = paid_upper_fen + ?,
       paid_county_fen = paid_county_fen + ?, live_lines = live_lines + ?
     WHERE person_id = ? AND program_code = ? AND year = ?`,
  ),
}));

/** A failed or reversed line gives its amount and split back, and is no longer live. */
function giveBack(
  pay: Database.Statement,
  line: { amount: string; funding: { upper: string; county: string } },
  personId: string,
  programCode: string,
  year: number,
): void {
  const { amount, funding } = line;
  pay.run(-toFen(amount), -toFen(funding.upper), -toFen(funding.county), -1, personId, programCode, year);
}

export const entitlementsProjection = defineProjection({
  name: 'entitlements',
  version: 5,
  ddl: DDL,
  tables: ['entitlement'],
  stateTables: [PAID_PENDING_TABLE],
  dependsOn: ['payment-batches'],
  deferrableIndexes: ['entitlement_by_person'],
  statements,
  bulkCatchUpStarts,
  caughtUp: (db) => caughtUp(db, { table: entitlementTable, ddl: DDL }),
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
      const s = statements.get(db);
      s.enrolled.flushBefore(e.position);
      s.approve.run(d.batchId, d.programCode, d.year);
    },
    BankReturnRecorded(db, e) {
      if (leavesPaidSums(db)) return;
      const d = dataOf<BankReturnRecorded>(e);
      const s = statements.get(db);
      s.enrolled.flushBefore(e.position);
      for (const f of d.failed) giveBack(s.pay, f, f.personId, d.programCode, d.year);
    },
    PaymentReversed(db, e) {
      if (leavesPaidSums(db)) return;
      const d = dataOf<PaymentReversed>(e);
      const s = statements.get(db);
      s.enrolled.flushBefore(e.position);
      giveBack(s.pay, d, d.personId, d.programCode, d.year);
    },
  },
  flush(db, upTo) {
    statements.peek(db)?.enrolled.flush(upTo);
  },
});
