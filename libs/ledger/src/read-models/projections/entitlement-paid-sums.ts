import type Database from 'better-sqlite3';
import { UPPER_FEN_SQL } from '../line-splits';
import { StatementCache } from '../projection';

type Db = Database.Database;

/**
 * Entitlements' paid sums (`paid_fen`, `paid_upper_fen`, `paid_county_fen`, `live_lines`) left to the end of a
 * bulk catch-up. Kept per event, each approval sums its batch's lines per person and updates their rows: 1.3 M
 * line sums and row updates over the bench's 1 M-event rebuild, 3.7–4.7 s of its main thread. During a bulk
 * catch-up they are instead computed once, set-based, from the payment tables (what payment-batches derived:
 * lines, approved batches, the splits, failed and reversed lines) when every projection has reached the head:
 * 2.6–3.1 s (GROUP BY ~2 s, the table written again ~0.8 s).
 *
 * Deferred is a durable state, `entitlement_paid_pending` (one row), written in the transaction of the first
 * event whose sums are left: a crash mid-way leaves the sums of committed events undone, and the next start's
 * catch-up may not be a bulk one. While the row is there approvals, bank returns and reversals leave the sums
 * (adding to sums that miss earlier approvals would be wrong), and the end of any catch-up that finds it, or the
 * next batch applied while following the log (another process's catch-up may have died), recomputes every row
 * and deletes it, in one transaction. A recompute is absolute, not incremental, so it is
 * right whatever checkpoint the catch-up started from.
 */
export const PAID_PENDING_DDL = `
CREATE TABLE IF NOT EXISTS entitlement_paid_pending (
  pending INTEGER PRIMARY KEY CHECK (pending = 1)
);
`;

export const PAID_PENDING_TABLE = 'entitlement_paid_pending';

/**
 * A person's net paid sums in a program-year, as the per-event updates leave them: the lines of approved
 * batches, minus each failed or reversed one (a line is one or the other, never both: the deciders refuse a
 * second give-back), with the splits the approval derived. A temporary table keyed like `entitlement`, so the
 * rewrite walks both in the same order.
 */
const SUMS_DDL = `
CREATE TEMP TABLE IF NOT EXISTS entitlement_paid_sums (
  program_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  person_id TEXT NOT NULL,
  amount INTEGER NOT NULL,
  upper INTEGER NOT NULL,
  lines INTEGER NOT NULL,
  PRIMARY KEY (program_code, year, person_id)
) WITHOUT ROWID;
`;

const statements = new StatementCache((db) => ({
  pending: db.prepare('SELECT 1 FROM entitlement_paid_pending').pluck(),
  markPending: db.prepare('INSERT OR IGNORE INTO entitlement_paid_pending (pending) VALUES (1)'),
  clearPending: db.prepare('DELETE FROM entitlement_paid_pending'),
}));

/** Read models whose catch-up is a bulk one right now (in this process): their sums may be left. */
const inBulk = new WeakSet<Db>();

/** A bulk catch-up starts: the sums may be left from the first approval, bank return or reversal on. */
export function bulkCatchUpStarts(db: Db): void {
  inBulk.add(db);
}

/**
 * Whether an approval, bank return or reversal leaves the sums: yes while they are pending; during a bulk
 * catch-up, yes, after marking them pending (in the caller's transaction, with the event they leave).
 */
export function leavesPaidSums(db: Db): boolean {
  const s = statements.get(db);
  if (s.pending.get() !== undefined) return true;
  if (!inBulk.has(db)) return false;
  s.markPending.run();
  return true;
}

/** How to create `entitlement` under another name (its DDL), and every DDL statement of the projection. */
export interface EntitlementSchema {
  table(name: string): string;
  ddl: string;
}

/** The end of a catch-up: if the sums are pending, recomputes every entitlement's and clears the mark. */
export function caughtUp(db: Db, schema: EntitlementSchema): void {
  inBulk.delete(db);
  const s = statements.get(db);
  if (s.pending.get() === undefined) return;
  recomputePaidSums(db, schema);
  s.clearPending.run();
}

/** Page cache (KiB, negative) while the sums are recomputed, which also bounds the sorters' memory. */
const SORT_CACHE_SIZE = -16384;

/** Fills `entitlement_paid_sums` from the payment tables. */
function aggregate(db: Db): void {
  db.exec(SUMS_DDL);
  db.exec(`DELETE FROM temp.entitlement_paid_sums`);
  db.exec(
    `INSERT INTO temp.entitlement_paid_sums (program_code, year, person_id, amount, upper, lines)
     SELECT b.program_code, b.year, l.person_id, SUM(l.amount_fen), SUM(${UPPER_FEN_SQL}), COUNT(*)
       FROM payment_batch b JOIN payment_line l ON l.batch_seq = b.seq
      WHERE b.status = 'approved'
        AND NOT EXISTS (SELECT 1 FROM payment_outcome o WHERE o.batch_seq = l.batch_seq AND o.line_no = l.line_no)
      GROUP BY b.program_code, b.year, l.person_id
      ORDER BY b.program_code, b.year, l.person_id`,
  );
}

/**
 * Sets every entitlement's paid sums from the payment tables, inside the caller's transaction: aggregated per
 * program-year and person, then `entitlement` written again with them, in key order into a new table that
 * replaces it — 650 k rows appended once cost about a third of updating them in place (each update grows a
 * row, so pages split, and every page it touches is journaled), and a row whose lines were all given back gets
 * zeros without a pass of its own.
 */
export function recomputePaidSums(db: Db, schema: EntitlementSchema): void {
  // The GROUP BY's sorter (and the index build) hold up to a page cache's worth of rows (64 MiB for the read
  // models) in memory before spilling to temporary files; a rebuild's peak RSS is near its bound already.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${SORT_CACHE_SIZE}`);
  try {
    aggregate(db);
    rewrite(db, schema);
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}

/** `entitlement` written again with the sums (see recomputePaidSums). */
function rewrite(db: Db, schema: EntitlementSchema): void {
  db.exec(`DROP TABLE IF EXISTS entitlement_next`);
  db.exec(schema.table('entitlement_next'));
  db.exec(
    `INSERT INTO entitlement_next (person_id, program_code, year, seq, enrolled_at, tier, entitled_fen, paid_fen,
       paid_upper_fen, paid_county_fen, live_lines)
     SELECT e.person_id, e.program_code, e.year, e.seq, e.enrolled_at, e.tier, e.entitled_fen,
            coalesce(p.amount, 0), coalesce(p.upper, 0), coalesce(p.amount - p.upper, 0), coalesce(p.lines, 0)
       FROM entitlement e LEFT JOIN temp.entitlement_paid_sums p
         ON p.program_code = e.program_code AND p.year = e.year AND p.person_id = e.person_id
      ORDER BY e.program_code, e.year, e.person_id`,
  );
  db.exec(`DROP TABLE entitlement`);
  db.exec(`ALTER TABLE entitlement_next RENAME TO entitlement`);
  db.exec(`DROP TABLE temp.entitlement_paid_sums`);
  db.exec(schema.ddl); // its index again (a bulk catch-up has it deferred: then it is built here, not after)
}
