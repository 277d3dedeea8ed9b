import { FenSplitter } from '@subsidy/domain/disbursement/fen-splitter';
import type {
  PaymentBatchDrafted,
  PaymentBatchLinesDrafted,
} from '@subsidy/domain/events/payment-batch-events';
import type {
  BankReturnRecorded,
  PaymentBatchApproved,
  PaymentReversed,
} from '@subsidy/domain/events/program-year-events';
import { toFen } from '../fen';
import { dataOf, defineProjection, recordedAtOf, StatementCache } from '../projection';

/**
 * Batches (`payment_batch`) and their lines (`payment_line`). A line's split is derived at approval exactly as
 * the decider derived it: `allocateFunds` over the approval's policy, plan and net disbursed-before, the
 * draft's amounts in lineNo order, here in integer fen (`FenSplitter`, proven equal to `splitApprovedLines`). A draft line's split stays 0/0 (no money has moved); a failed or reversed
 * line keeps the split it took and gave back. Line status: draft → approved → paid | failed; approved or paid
 * → reversed. `seq` is the draft's log position (list order, cursor key). The `*_seq` columns are the
 * positions of the events that touched a line (returned at most once, reversed at most once): a person's
 * history finds them there.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS payment_batch (
  batch_id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  program_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  maker TEXT NOT NULL,
  mode TEXT NOT NULL,
  line_count INTEGER NOT NULL,
  total_fen INTEGER NOT NULL,
  chunk_count INTEGER NOT NULL,
  warnings TEXT NOT NULL,
  drafted_at TEXT NOT NULL,
  status TEXT NOT NULL,
  approver TEXT,
  approved_at TEXT,
  approved_seq INTEGER,
  funding_upper_fen INTEGER NOT NULL DEFAULT 0,
  funding_county_fen INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS payment_line (
  batch_id TEXT NOT NULL,
  line_no INTEGER NOT NULL,
  line_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  certificate_number TEXT NOT NULL,
  name TEXT NOT NULL,
  bank_account TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  status TEXT NOT NULL,
  upper_fen INTEGER NOT NULL DEFAULT 0,
  county_fen INTEGER NOT NULL DEFAULT 0,
  reason TEXT,
  drafted_seq INTEGER NOT NULL,
  returned_seq INTEGER,
  reversed_seq INTEGER,
  PRIMARY KEY (batch_id, line_no)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS payment_line_by_person ON payment_line (person_id);
`;

/** Lines read per query when an approval splits them. */
const LINES_PAGE = 5000;

const statements = new StatementCache((db) => {
  db.exec(
    'CREATE TEMP TABLE IF NOT EXISTS approved_split (line_no INTEGER PRIMARY KEY, upper_fen INTEGER NOT NULL)',
  );
  return {
    draft: db.prepare(
      `INSERT INTO payment_batch (batch_id, seq, program_code, year, maker, mode, line_count, total_fen, chunk_count,
       warnings, drafted_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft') ON CONFLICT DO NOTHING`,
    ),
    line: db.prepare(
      `INSERT INTO payment_line (batch_id, line_no, line_id, person_id, certificate_number, name, bank_account,
       amount_fen, status, drafted_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?) ON CONFLICT DO NOTHING`,
    ),
    /** A page of a batch's draft amounts after a line number (an approval pages through them). */
    draftAmounts: db
      .prepare<[string, number, number], [number, number]>(
        `SELECT line_no, amount_fen FROM payment_line WHERE batch_id = ? AND line_no > ? ORDER BY line_no LIMIT ?`,
      )
      .raw(true),
    /**
     * A page of splits goes into a scratch table in one statement (?1: a JSON array of [lineNo, upperFen]),
     * then updates its lines in a second, joined on the key: no call from JS per line. (A join straight on
     * json_each makes SQLite scan the array once per line.)
     */
    clearSplits: db.prepare('DELETE FROM temp.approved_split'),
    stageSplits: db.prepare<[string]>(
      'INSERT INTO temp.approved_split (line_no, upper_fen) SELECT value ->> 0, value ->> 1 FROM json_each(?)',
    ),
    approveLines: db.prepare<[string, number, number]>(
      `UPDATE payment_line SET status = 'approved', upper_fen = s.upper_fen, county_fen = amount_fen - s.upper_fen
     FROM temp.approved_split AS s
     WHERE payment_line.batch_id = ? AND payment_line.line_no > ? AND payment_line.line_no <= ?
       AND payment_line.line_no = s.line_no`,
    ),
    approveBatch: db.prepare(
      `UPDATE payment_batch SET status = 'approved', approver = ?, approved_at = ?, approved_seq = ?,
       funding_upper_fen = ?, funding_county_fen = ? WHERE batch_id = ?`,
    ),
    /** Every line the bank paid in one statement: the second parameter is a JSON array of their numbers. */
    paid: db.prepare<[bigint, string, string]>(
      `UPDATE payment_line SET status = 'paid', returned_seq = ?
     WHERE line_no IN (SELECT value FROM json_each(?)) AND batch_id = ?`,
    ),
    failed: db.prepare(
      `UPDATE payment_line SET status = 'failed', reason = ?, returned_seq = ? WHERE batch_id = ? AND line_no = ?`,
    ),
    reversed: db.prepare(
      `UPDATE payment_line SET status = 'reversed', reason = ?, reversed_seq = ? WHERE batch_id = ? AND line_no = ?`,
    ),
  };
});

export const paymentBatchesProjection = defineProjection({
  name: 'payment-batches',
  version: 2,
  ddl: DDL,
  tables: ['payment_batch', 'payment_line'],
  deferrableIndexes: ['payment_line_by_person'],
  statements,
  handlers: {
    PaymentBatchDrafted(db, e) {
      const d = dataOf<PaymentBatchDrafted>(e);
      statements
        .get(db)
        .draft.run(
          d.batchId,
          e.position,
          d.programCode,
          d.year,
          d.maker,
          d.mode,
          d.lineCount,
          toFen(d.total),
          d.chunkCount,
          JSON.stringify(d.warnings),
          recordedAtOf(e),
        );
    },
    PaymentBatchLinesDrafted(db, e) {
      const d = dataOf<PaymentBatchLinesDrafted>(e);
      const insert = statements.get(db).line;
      for (const l of d.lines) {
        const { lineNo, lineId, personId, certificateNumber, name, bankAccount } = l;
        insert.run(
          d.batchId,
          lineNo,
          lineId,
          personId,
          certificateNumber,
          name,
          bankAccount,
          toFen(l.amount),
          e.position,
        );
      }
    },
    PaymentBatchApproved(db, e) {
      const d = dataOf<PaymentBatchApproved>(e);
      const s = statements.get(db);
      const fen = (parts: { upper: string; county: string }) => ({
        upper: toFen(parts.upper),
        county: toFen(parts.county),
      });
      const splitter = new FenSplitter(d.policy, fen(d.plan), fen(d.disbursedBefore));
      // Page by page, so a 270,660-line batch is never in memory at once (the split is a running one).
      for (let after = 0; ;) {
        const page = s.draftAmounts.all(d.batchId, after, LINES_PAGE);
        if (page.length === 0) break;
        const splits = page.map(([lineNo, amount]) => [lineNo, splitter.upperOf(amount)]);
        const last = page[page.length - 1]![0];
        s.clearSplits.run();
        s.stageSplits.run(JSON.stringify(splits));
        s.approveLines.run(d.batchId, after, last);
        after = last;
      }
      const funding = [toFen(d.funding.upper), toFen(d.funding.county)];
      s.approveBatch.run(d.approver, recordedAtOf(e), e.position, ...funding, d.batchId);
    },
    BankReturnRecorded(db, e) {
      const d = dataOf<BankReturnRecorded>(e);
      const s = statements.get(db);
      if (d.paid.length > 0) s.paid.run(e.position, JSON.stringify(d.paid), d.batchId);
      for (const f of d.failed) s.failed.run(f.reason, e.position, d.batchId, f.lineNo);
    },
    PaymentReversed(db, e) {
      const d = dataOf<PaymentReversed>(e);
      statements.get(db).reversed.run(d.reason, e.position, d.batchId, d.lineNo);
    },
  },
});
