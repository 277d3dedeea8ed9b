import { FenSplitter } from '@subsidy/domain/disbursement/fen-splitter';
import { chunkLinesOf } from '@subsidy/domain/disbursement/chunk-lines';
import type {
  PaymentBatchDrafted,
  PaymentBatchLinesDrafted,
} from '@subsidy/domain/events/payment-batch-events';
import type {
  BankReturnRecorded,
  PaymentBatchApproved,
  PaymentReversed,
} from '@subsidy/domain/events/program-year-events';
import type Database from 'better-sqlite3';
import { toFen } from '../fen';
import { MultiRowInsert } from '../multi-row-insert';
import { encodeSplitGroup, SPLIT_GROUP, splitGroupOf } from '../line-splits';
import { dataOf, defineProjection, recordedAtOf, StatementCache } from '../projection';
import { heldDraftAmounts } from './draft-amounts';

/**
 * Batches (`payment_batch`) and their lines, each line written once. A rebuild used to write every line four
 * times (drafted, approved, paid, then summed); now only what cannot be derived is stored:
 * - `payment_line`: a draft line's person and amount (its id is `${batchId}-${lineNo}`, which the draft reader
 *   enforces, so it is not stored), keyed by the batch's `seq` (its draft header's log position);
 * - `payment_chunk`: per draft chunk event, its lines' certificate numbers, names and bank accounts as JSON
 *   arrays (lineNo order from `first_line_no`): read only when a batch's lines are listed, so not written as
 *   three more text columns of each of a rebuild's 1.3 M line rows (the line handler cost ~25 % less);
 * - `payment_split`: at approval, each line's upper part, `SPLIT_GROUP` lines a row (see line-splits.ts),
 *   derived exactly as the decider derived it: `allocateFunds` over the approval's policy, plan and net
 *   disbursed-before, the draft's amounts in lineNo order, here in integer fen (`FenSplitter`, proven equal to
 *   `splitApprovedLines`);
 * - `payment_paid`: a bank return's paid line numbers as runs [first, last] with the return's position;
 * - `payment_outcome`: the few lines failed at the bank or reversed, with reason and position.
 * A line's status is derived when read: reversed or failed if it has that outcome, else paid if in a paid
 * run, else approved if its batch is, else draft. A draft line's split reads 0/0 (no money has moved); a
 * failed or reversed line keeps the split it took and gave back. `seq` is the draft's log position (list
 * order, cursor key); `drafted_seq`, `approved_seq`, the runs' and outcomes' `seq` are the positions of the
 * events that touched a line: a person's history finds them there.
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
  batch_seq INTEGER NOT NULL,
  line_no INTEGER NOT NULL,
  person_id TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  drafted_seq INTEGER NOT NULL,
  PRIMARY KEY (batch_seq, line_no)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS payment_chunk (
  batch_seq INTEGER NOT NULL,
  first_line_no INTEGER NOT NULL,
  line_count INTEGER NOT NULL,
  certificate_numbers TEXT NOT NULL,
  names TEXT NOT NULL,
  bank_accounts TEXT NOT NULL,
  PRIMARY KEY (batch_seq, first_line_no)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS payment_line_by_person ON payment_line (person_id);
CREATE TABLE IF NOT EXISTS payment_split (
  batch_seq INTEGER NOT NULL,
  grp INTEGER NOT NULL,
  width INTEGER NOT NULL,
  uppers TEXT NOT NULL,
  PRIMARY KEY (batch_seq, grp)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS payment_paid (
  batch_seq INTEGER NOT NULL,
  first_line_no INTEGER NOT NULL,
  last_line_no INTEGER NOT NULL,
  returned_seq INTEGER NOT NULL,
  PRIMARY KEY (batch_seq, first_line_no)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS payment_outcome (
  batch_seq INTEGER NOT NULL,
  line_no INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('failed', 'reversed')),
  reason TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (batch_seq, line_no, status)
) WITHOUT ROWID;
`;

/** Lines read per query when an approval splits them. */
const LINES_PAGE = 5000;

const statements = new StatementCache((db) => ({
  draft: db.prepare(
    `INSERT INTO payment_batch (batch_id, seq, program_code, year, maker, mode, line_count, total_fen, chunk_count,
       warnings, drafted_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft') ON CONFLICT DO NOTHING`,
  ),
  seqOf: db.prepare<[string], number>('SELECT seq FROM payment_batch WHERE batch_id = ?').pluck(),
  lines: new MultiRowInsert(db, 'payment_line', [
    'batch_seq',
    'line_no',
    'person_id',
    'amount_fen',
    'drafted_seq',
  ]),
  chunk: db.prepare<[number, number, number, string, string, string]>(
    `INSERT INTO payment_chunk (batch_seq, first_line_no, line_count, certificate_numbers, names, bank_accounts)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  ),
  /** A page of a batch's draft amounts after a line number (an approval pages through them). */
  draftAmounts: db
    .prepare<[number, number, number], [number, number]>(
      'SELECT line_no, amount_fen FROM payment_line WHERE batch_seq = ? AND line_no > ? ORDER BY line_no LIMIT ?',
    )
    .raw(true),
  split: db.prepare<[number, number, number, string]>(
    'INSERT INTO payment_split (batch_seq, grp, width, uppers) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  ),
  approveBatch: db.prepare(
    `UPDATE payment_batch SET status = 'approved', approver = ?, approved_at = ?, approved_seq = ?,
       funding_upper_fen = ?, funding_county_fen = ? WHERE batch_id = ?`,
  ),
  paid: db.prepare<[number, number, number, bigint]>(
    `INSERT INTO payment_paid (batch_seq, first_line_no, last_line_no, returned_seq) VALUES (?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
  ),
  outcome: db.prepare<[number, number, 'failed' | 'reversed', string, bigint]>(
    `INSERT INTO payment_outcome (batch_seq, line_no, status, reason, seq) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
  ),
}));

/** The batch's `seq`; its header comes first in its own stream, so it is there for every later event. */
function seqOf(db: Database.Database, batchId: string): number {
  const seq = statements.get(db).seqOf.get(batchId);
  if (seq === undefined) throw new Error(`payment batch ${batchId} has no draft header`);
  return seq;
}

/** Line numbers, any order, as runs of consecutive numbers [first, last]. */
function runsOf(lineNos: readonly number[]): Array<[number, number]> {
  const sorted = Float64Array.from(lineNos).sort();
  const runs: Array<[number, number]> = [];
  for (const n of sorted) {
    const run = runs[runs.length - 1];
    if (run !== undefined && n === run[1] + 1) run[1] = n;
    else if (run === undefined || n > run[1]) runs.push([n, n]);
  }
  return runs;
}

export const paymentBatchesProjection = defineProjection({
  name: 'payment-batches',
  version: 4,
  ddl: DDL,
  tables: ['payment_batch', 'payment_line', 'payment_chunk', 'payment_split', 'payment_paid', 'payment_outcome'],
  deferrableIndexes: ['payment_line_by_person'],
  statements,
  reads: {
    PaymentBatchDrafted: [
      'batchId',
      'programCode',
      'year',
      'maker',
      'mode',
      'lineCount',
      'total',
      'chunkCount',
      'warnings',
    ],
    PaymentBatchLinesDrafted: '*',
    PaymentBatchApproved: ['batchId', 'approver', 'policy', 'plan', 'disbursedBefore', 'funding'],
    BankReturnRecorded: ['batchId', 'paid', 'failed'],
    PaymentReversed: ['batchId', 'lineNo', 'reason'],
  },
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
      heldDraftAmounts.drafted(db, Number(e.position), d.lineCount);
    },
    PaymentBatchLinesDrafted(db, e) {
      const c = chunkLinesOf(dataOf<PaymentBatchLinesDrafted>(e)); // either stored version
      const batchSeq = seqOf(db, c.batchId);
      const { personIds, certificateNumbers, names, bankAccounts, amounts } = c;
      const s = statements.get(db);
      const held = heldDraftAmounts.of(db, batchSeq);
      const values: unknown[] = [];
      for (let i = 0; i < c.count; i++) {
        const lineNo = c.lineNoAt(i);
        const fen = toFen(amounts[i]!);
        held?.add(lineNo, fen);
        values.push(batchSeq, lineNo, personIds[i], fen, e.position);
      }
      s.lines.runAll(values); // many lines a statement: a rebuild writes 1.3 M of them
      // One row per run of consecutive line numbers (a version-2 chunk is one run; a version-1 chunk's lines
      // carry their own numbers), so a line is found at index lineNo − first_line_no of its row's arrays.
      for (let first = 0; first < c.count; ) {
        let end = first + 1;
        while (end < c.count && c.lineNoAt(end) === c.lineNoAt(end - 1) + 1) end++;
        const text = (column: readonly string[]) => JSON.stringify(column.slice(first, end));
        s.chunk.run(batchSeq, c.lineNoAt(first), end - first, text(certificateNumbers), text(names), text(bankAccounts));
        first = end;
      }
    },
    PaymentBatchApproved(db, e) {
      const d = dataOf<PaymentBatchApproved>(e);
      const s = statements.get(db);
      const batchSeq = seqOf(db, d.batchId);
      const fen = (parts: { upper: string; county: string }) => ({
        upper: toFen(parts.upper),
        county: toFen(parts.county),
      });
      const splitter = new FenSplitter(d.policy, fen(d.plan), fen(d.disbursedBefore));
      // Page by page, so a 270,660-line batch is never in memory at once (the split is a running one).
      let group = -1;
      let uppers: Array<number | undefined> = [];
      const flush = () => {
        if (group < 0) return;
        const encoded = encodeSplitGroup(uppers);
        s.split.run(batchSeq, group, encoded.width, encoded.uppers);
      };
      const split = (lineNo: number, amount: number) => {
        const g = splitGroupOf(lineNo);
        if (g !== group) {
          flush();
          group = g;
          uppers = [];
        }
        uppers[(lineNo - 1) % SPLIT_GROUP] = splitter.upperOf(amount);
      };
      const held = heldDraftAmounts.take(db, batchSeq); // a bulk catch-up's, if it saw the whole draft
      if (held !== undefined) {
        for (let i = 0; i < held.length; i++) split(i + 1, held[i]!);
      } else {
        for (let after = 0; ;) {
          const page = s.draftAmounts.all(batchSeq, after, LINES_PAGE);
          if (page.length === 0) break;
          for (const [lineNo, amount] of page) split(lineNo, amount);
          after = page[page.length - 1]![0];
        }
      }
      flush();
      const funding = [toFen(d.funding.upper), toFen(d.funding.county)];
      s.approveBatch.run(d.approver, recordedAtOf(e), e.position, ...funding, d.batchId);
    },
    BankReturnRecorded(db, e) {
      const d = dataOf<BankReturnRecorded>(e);
      const s = statements.get(db);
      const batchSeq = seqOf(db, d.batchId);
      for (const [first, last] of runsOf(d.paid)) s.paid.run(batchSeq, first, last, e.position);
      for (const f of d.failed) s.outcome.run(batchSeq, f.lineNo, 'failed', f.reason, e.position);
    },
    PaymentReversed(db, e) {
      const d = dataOf<PaymentReversed>(e);
      statements.get(db).outcome.run(seqOf(db, d.batchId), d.lineNo, 'reversed', d.reason, e.position);
    },
  },
  bulkCatchUpStarts: heldDraftAmounts.bulkCatchUpStarts,
  caughtUp: heldDraftAmounts.caughtUp,
});
