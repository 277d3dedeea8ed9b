import type Database from 'better-sqlite3';
import { LINES_OF_SPLIT_GROUP_SQL, SPLIT_UPPER_SQL, UPPER_FEN_SQL } from '../line-splits';
import { StatementCache } from '../projection';

type Db = Database.Database;

/**
 * What each person has been paid per program-year (`entitlement_paid`), apart from what they are owed
 * (`entitlement`, written once per enrollment): the net of their lines in approved batches — each failed or
 * reversed line taken back (a line is one or the other, never both: the deciders refuse a second give-back) —
 * with the splits the approval derived (`paid_upper_fen`; the county part is `paid_fen − paid_upper_fen`, as
 * it is per line), and `live_lines`, how many of those lines are approved or paid. A row exists once one of
 * the person's lines in that program-year is approved; readers take a missing row as zeros. Keyed like
 * `entitlement`, by program-year first: an approval's rows sit together (a 270,660-line batch dirties a few
 * thousand pages, not one per line).
 *
 * Live, an approval adds its batch's per-person sums (one statement), a bank return or a reversal takes each
 * failed or reversed line back. A bulk catch-up leaves the sums to its end (1.3 M lines in the bench's 1 M-event
 * rebuild, 3.7–4.7 s of its main thread when summed per approval) and computes them once, set-based, from the
 * payment tables (what payment-batches derived) when every projection is at the head: appended in key order
 * to this table, so nothing else is written again (`entitlement` and its index are untouched).
 *
 * Deferred is a durable state, `entitlement_paid_pending` (one row), written in the transaction of the first
 * event whose sums are left: a crash mid-way leaves the sums of committed events undone, and the next start's
 * catch-up may not be a bulk one. While the row is there approvals, bank returns and reversals leave the sums
 * (adding to sums that miss earlier approvals would be wrong), and the end of any catch-up that finds it, or the
 * next batch applied while following the log (another process's catch-up may have died), recomputes every row
 * and deletes it, in one transaction. A recompute is absolute, not incremental, so it is right whatever
 * checkpoint the catch-up started from.
 */
export const PAID_DDL = `
CREATE TABLE IF NOT EXISTS entitlement_paid (
  program_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  person_id TEXT NOT NULL,
  paid_fen INTEGER NOT NULL,
  paid_upper_fen INTEGER NOT NULL,
  live_lines INTEGER NOT NULL,
  PRIMARY KEY (program_code, year, person_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entitlement_paid_pending (
  pending INTEGER PRIMARY KEY CHECK (pending = 1)
);
`;

export const PAID_TABLE = 'entitlement_paid';
export const PAID_PENDING_TABLE = 'entitlement_paid_pending';

/**
 * Per person, the sums of the lines of the batches `where` selects (alias `b`), with their upper parts, as
 * rows of `entitlement_paid` in the program-year `@programCode`, `@year`. Each split group row drives (one range
 * seek of `payment_line` per 64 lines, see LINES_OF_SPLIT_GROUP_SQL), so only an approved batch's lines are
 * there. The lines come sorted by person into the GROUP BY, which then needs no sort of its own: sorted that
 * way the sorter holds each line's computed values, not the columns they are computed from (a whole group row
 * of splits a line, had the GROUP BY sorted them), and the rows come out in the table's key order.
 */
const sumsByPerson = (where: string) => `
  SELECT @programCode, @year, person_id, SUM(amount), SUM(upper), COUNT(*) FROM (
    SELECT l.person_id, l.amount_fen AS amount, ${SPLIT_UPPER_SQL} AS upper
      FROM payment_batch b CROSS JOIN payment_split s CROSS JOIN payment_line l
     WHERE ${where} AND s.batch_seq = b.seq AND ${LINES_OF_SPLIT_GROUP_SQL}
     ORDER BY l.person_id)
  WHERE true GROUP BY person_id`;

const COLUMNS = 'program_code, year, person_id, paid_fen, paid_upper_fen, live_lines';

const statements = new StatementCache((db) => ({
  pending: db.prepare('SELECT 1 FROM entitlement_paid_pending').pluck(),
  markPending: db.prepare('INSERT OR IGNORE INTO entitlement_paid_pending (pending) VALUES (1)'),
  clearPending: db.prepare('DELETE FROM entitlement_paid_pending'),
  /** An approval: its batch's lines summed per person, added to their sums in its program-year. */
  approve: db.prepare<{ batchId: string; programCode: string; year: number }>(
    `INSERT INTO entitlement_paid (${COLUMNS}) ${sumsByPerson('b.batch_id = @batchId')}
     ON CONFLICT DO UPDATE SET paid_fen = paid_fen + excluded.paid_fen,
       paid_upper_fen = paid_upper_fen + excluded.paid_upper_fen, live_lines = live_lines + excluded.live_lines`,
  ),
  /** A failed or reversed line: its amount and upper part taken back, one line no longer live. */
  giveBack: db.prepare<[number, number, string, number, string]>(
    `UPDATE entitlement_paid SET paid_fen = paid_fen - ?, paid_upper_fen = paid_upper_fen - ?,
       live_lines = live_lines - 1
     WHERE program_code = ? AND year = ? AND person_id = ?`,
  ),
  clear: db.prepare('DELETE FROM entitlement_paid'),
  /** The program-years with approved batches, in key order. */
  programYears: db.prepare<[], { programCode: string; year: number }>(
    `SELECT DISTINCT program_code AS programCode, year FROM payment_batch WHERE status = 'approved'
     ORDER BY program_code, year`,
  ),
  /**
   * A recompute, one program-year at a time: every line of its approved batches, failed and reversed ones too
   * (taken back after). One statement per program-year keeps each sort in memory (~25 k lines in the bench; all
   * 1.3 M at once spilled sorted runs to temporary files and took twice as long), and appends.
   */
  fill: db.prepare<{ programCode: string; year: number }>(
    `INSERT INTO entitlement_paid (${COLUMNS})
     ${sumsByPerson(`b.program_code = @programCode AND b.year = @year AND b.status = 'approved'`)}`,
  ),
  /**
   * A recompute's second pass: the lines of approved batches that failed or were reversed (a few thousand
   * among 1.3 M), summed per person and taken back — cheaper than asking of every line whether it has an
   * outcome.
   */
  takeBack: db.prepare(
    `UPDATE entitlement_paid AS p SET paid_fen = p.paid_fen - o.amount, paid_upper_fen = p.paid_upper_fen - o.upper,
       live_lines = p.live_lines - o.lines
     FROM (SELECT b.program_code, b.year, l.person_id, SUM(l.amount_fen) AS amount, SUM(${UPPER_FEN_SQL}) AS upper,
             COUNT(*) AS lines
           FROM (SELECT DISTINCT batch_seq, line_no FROM payment_outcome) o
           JOIN payment_batch b ON b.seq = o.batch_seq
           JOIN payment_line l ON l.batch_seq = o.batch_seq AND l.line_no = o.line_no
           WHERE b.status = 'approved'
           GROUP BY b.program_code, b.year, l.person_id) AS o
     WHERE p.program_code = o.program_code AND p.year = o.year AND p.person_id = o.person_id`,
  ),
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

/** An approved batch's lines added to their persons' sums in its program-year. */
export function addApprovedBatch(db: Db, batchId: string, programCode: string, year: number): void {
  statements.get(db).approve.run({ batchId, programCode, year });
}

/** A failed or reversed line (integer fen) taken back from its person's sums. */
export function takeBackLine(
  db: Db,
  line: { amountFen: number; upperFen: number },
  personId: string,
  programCode: string,
  year: number,
): void {
  statements.get(db).giveBack.run(line.amountFen, line.upperFen, programCode, year, personId);
}

/** The end of a catch-up: if the sums are pending, recomputes every one and clears the mark. */
export function caughtUp(db: Db): void {
  inBulk.delete(db);
  const s = statements.get(db);
  if (s.pending.get() === undefined) return;
  recomputePaidSums(db);
  s.clearPending.run();
}

/** Page cache (KiB, negative) while the sums are recomputed, which also bounds the sorters' memory. */
const SORT_CACHE_SIZE = -16384;

/** Sets every paid sum from the payment tables, inside the caller's transaction (see `fill`, `takeBack`). */
function recomputePaidSums(db: Db): void {
  // A sorter holds up to a page cache's worth of rows (64 MiB for the read models) in memory before spilling
  // to temporary files; a rebuild's peak RSS is near its bound already.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${SORT_CACHE_SIZE}`);
  try {
    const s = statements.get(db);
    s.clear.run();
    for (const programYear of s.programYears.all()) s.fill.run(programYear);
    s.takeBack.run();
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}
