import type Database from 'better-sqlite3';
import type { MoneyString } from '@subsidy/domain/shared/money';
import { lineIdOf, parseLineId } from '@subsidy/domain/disbursement/line-id';
import { fenToMoney } from '../fen';
import { decodeSplitAt, SPLIT_GROUP, splitGroupOf } from '../line-splits';
import { decodeCursor, page } from './cursor';
import { prepared } from './prepared';

type Db = Database.Database;

export type BatchStatus = 'draft' | 'approved';
export type LineStatus = 'draft' | 'approved' | 'paid' | 'failed' | 'reversed';
type Split = { upper: MoneyString; county: MoneyString };

export interface BatchListItem {
  batchId: string;
  programCode: string;
  year: number;
  status: BatchStatus;
  lineCount: number;
  total: MoneyString;
  maker: string;
  approver?: string;
}

export interface BatchLineView {
  lineId: string;
  certificateNumber: string;
  amount: MoneyString;
  status: LineStatus;
  /** The line's split: 0.00/0.00 while draft; a failed or reversed line shows the split it gave back. */
  funding: Split;
  /** Why the bank failed it, or why it was reversed. */
  reason?: string;
}

export interface BatchView extends BatchListItem {
  mode: 'lines' | 'payOutstanding';
  /** The batch's split (sum of its lines'), 0.00/0.00 while draft. */
  funding: Split;
  warnings: unknown[];
  draftedAt: string;
  approvedAt?: string;
  lines: BatchLineView[];
}

/** A line as the bank file needs it: the account snapshot the checker approved. */
export interface BankFileLine {
  lineId: string;
  lineNo: number;
  personId: string;
  certificateNumber: string;
  name: string;
  bankAccount: string;
  amount: MoneyString;
  status: LineStatus;
}

export interface PaymentLineView extends BatchLineView {
  batchId: string;
  lineNo: number;
  personId: string;
}

interface BatchRow {
  seq: number;
  batch_id: string;
  program_code: string;
  year: number;
  maker: string;
  mode: 'lines' | 'payOutstanding';
  line_count: number;
  total_fen: number;
  warnings: string;
  drafted_at: string;
  status: BatchStatus;
  approver: string | null;
  approved_at: string | null;
  funding_upper_fen: number;
  funding_county_fen: number;
}

/** A line as stored plus what is derived when read: its status, split and why it failed or was reversed. */
interface DerivedLine {
  lineNo: number;
  personId: string;
  certificateNumber: string;
  name: string;
  bankAccount: string;
  amountFen: number;
  status: LineStatus;
  upperFen: number;
  reason: string | undefined;
}

export interface BatchFilter {
  programCode?: string;
  year?: number;
  status?: string;
  limit: number;
  cursor?: string;
}

/** GET /payment-batches: newest first. */
export function listPaymentBatches(
  db: Db,
  filter: BatchFilter,
): { items: BatchListItem[]; nextCursor: string | null } {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: filter.limit + 1 };
  for (const [column, key] of [
    ['program_code', 'programCode'],
    ['year', 'year'],
    ['status', 'status'],
  ] as const) {
    const value = filter[key];
    if (value === undefined) continue;
    where.push(`${column} = @${key}`);
    params[key] = value;
  }
  if (filter.cursor !== undefined) {
    where.push('seq < @before');
    params.before = decodeCursor('payment-batches', filter.cursor);
  }
  const sql = `SELECT * FROM payment_batch ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY seq DESC LIMIT @limit`;
  const rows = prepared<[Record<string, string | number>], BatchRow>(db, sql).all(params);
  return page('payment-batches', rows, filter.limit, toListItem);
}

function toListItem(b: BatchRow): BatchListItem {
  const item: BatchListItem = {
    batchId: b.batch_id,
    programCode: b.program_code,
    year: b.year,
    status: b.status,
    lineCount: b.line_count,
    total: fenToMoney(b.total_fen),
    maker: b.maker,
  };
  if (b.approver !== null) item.approver = b.approver;
  return item;
}

/** GET /payment-batches/{id}: the batch with every line drafted so far, in lineNo order. */
export function getPaymentBatch(db: Db, batchId: string): BatchView | undefined {
  const b = batchRow(db, batchId);
  if (b === undefined) return undefined;
  const view: BatchView = {
    ...toListItem(b),
    mode: b.mode,
    funding: { upper: fenToMoney(b.funding_upper_fen), county: fenToMoney(b.funding_county_fen) },
    warnings: JSON.parse(b.warnings) as unknown[],
    draftedAt: b.drafted_at,
    lines: linesOf(db, b).map((l) => toLineView(b.batch_id, l)),
  };
  if (b.approved_at !== null) view.approvedAt = b.approved_at;
  return view;
}

function batchRow(db: Db, batchId: string): BatchRow | undefined {
  return prepared<[string], BatchRow>(db, 'SELECT * FROM payment_batch WHERE batch_id = ?').get(batchId);
}

/**
 * The batch's lines numbered first…last (default: all), in lineNo order, with what is derived when read (see
 * the payment-batches projection): the split from the approval's group rows, the status from the batch, the
 * bank's paid runs and the failed or reversed outcomes.
 */
function linesOf(db: Db, b: BatchRow, first = 1, last = Number.MAX_SAFE_INTEGER): DerivedLine[] {
  const rows = prepared<[number, number, number], [number, string, number]>(
    db,
    `SELECT line_no, person_id, amount_fen FROM payment_line
     WHERE batch_seq = ? AND line_no BETWEEN ? AND ? ORDER BY line_no`,
  )
    .raw(true)
    .all(b.seq, first, last);
  if (rows.length === 0) return [];
  const from = rows[0]![0];
  const to = rows[rows.length - 1]![0];
  const payees = new ChunkPayees(db, b.seq, from, to);
  const approved = b.status === 'approved';
  const splits = new Map<number, { width: number; uppers: string }>();
  if (approved) {
    for (const g of prepared<[number, number, number], { grp: number; width: number; uppers: string }>(
      db,
      'SELECT grp, width, uppers FROM payment_split WHERE batch_seq = ? AND grp BETWEEN ? AND ?',
    ).all(b.seq, splitGroupOf(from), splitGroupOf(to))) {
      splits.set(g.grp, g);
    }
  }
  const paid = rangesCovering<[number, number]>(
    db,
    'payment_paid',
    'first_line_no, last_line_no',
    b.seq,
    from,
    to,
  );
  const outcomes = new Map<number, { status: 'failed' | 'reversed'; reason: string }>();
  for (const o of prepared<
    [number, number, number],
    { line_no: number; status: 'failed' | 'reversed'; reason: string }
  >(
    db,
    'SELECT line_no, status, reason FROM payment_outcome WHERE batch_seq = ? AND line_no BETWEEN ? AND ?',
  ).all(b.seq, from, to)) {
    // A reversal is the line's last word (a failed line is never reversed; were it, the reversal would win).
    if (o.status === 'reversed' || !outcomes.has(o.line_no)) outcomes.set(o.line_no, o);
  }
  let run = 0;
  return rows.map(([lineNo, personId, amountFen]) => {
    const { certificateNumber, name, bankAccount } = payees.of(lineNo);
    while (run < paid.length && paid[run]![1] < lineNo) run++;
    const inPaidRun = run < paid.length && paid[run]![0] <= lineNo;
    const outcome = outcomes.get(lineNo);
    const group = splits.get(splitGroupOf(lineNo));
    return {
      lineNo,
      personId,
      certificateNumber,
      name,
      bankAccount,
      amountFen,
      status: outcome?.status ?? (inPaidRun ? 'paid' : approved ? 'approved' : 'draft'),
      upperFen:
        group === undefined ? 0 : decodeSplitAt(group.uppers, group.width, (lineNo - 1) % SPLIT_GROUP),
      reason: outcome?.reason,
    };
  });
}

/**
 * The rows of a batch's line-number ranges in `table` (keyed `batch_seq`, `first_line_no`: paid runs, draft
 * chunks) that may hold lines from…to: the last one starting at or before `from`, and those starting after
 * it up to `to`, in order, as arrays of `columns`.
 */
function rangesCovering<R extends unknown[]>(
  db: Db,
  table: 'payment_paid' | 'payment_chunk',
  columns: string,
  batchSeq: number,
  from: number,
  to: number,
): R[] {
  return prepared<[number, number, number, number], R>(
    db,
    `SELECT ${columns} FROM ${table} WHERE batch_seq = ? AND first_line_no <= ?
       AND first_line_no >= (SELECT coalesce(max(first_line_no), 0) FROM ${table} WHERE batch_seq = ? AND first_line_no <= ?)
     ORDER BY first_line_no`,
  )
    .raw(true)
    .all(batchSeq, to, batchSeq, from);
}

/**
 * The certificate numbers, names and bank accounts of a batch's lines from…to, from the `payment_chunk` rows
 * holding them (see the payment-batches projection); each row's JSON is parsed when one of its lines is first
 * asked for, lines asked in ascending order.
 */
class ChunkPayees {
  private readonly chunks: Array<[number, number, string, string, string]>;
  private at = 0;
  private parsed: { certificateNumbers: string[]; names: string[]; bankAccounts: string[] } | undefined;

  constructor(
    db: Db,
    private readonly batchSeq: number,
    from: number,
    to: number,
  ) {
    this.chunks = rangesCovering<[number, number, string, string, string]>(
      db,
      'payment_chunk',
      'first_line_no, line_count, certificate_numbers, names, bank_accounts',
      batchSeq,
      from,
      to,
    );
  }

  of(lineNo: number): { certificateNumber: string; name: string; bankAccount: string } {
    while (this.at < this.chunks.length && this.chunks[this.at]![0] + this.chunks[this.at]![1] <= lineNo) {
      this.at++;
      this.parsed = undefined;
    }
    const chunk = this.chunks[this.at];
    if (chunk === undefined || chunk[0] > lineNo) {
      throw new Error(`payment line ${lineNo} of the batch at ${this.batchSeq} has no row in payment_chunk`);
    }
    this.parsed ??= {
      certificateNumbers: JSON.parse(chunk[2]) as string[],
      names: JSON.parse(chunk[3]) as string[],
      bankAccounts: JSON.parse(chunk[4]) as string[],
    };
    const i = lineNo - chunk[0];
    return {
      certificateNumber: this.parsed.certificateNumbers[i]!,
      name: this.parsed.names[i]!,
      bankAccount: this.parsed.bankAccounts[i]!,
    };
  }
}

function toLineView(batchId: string, l: DerivedLine): BatchLineView {
  const approved = l.status !== 'draft';
  const line: BatchLineView = {
    lineId: lineIdOf(batchId, l.lineNo),
    certificateNumber: l.certificateNumber,
    amount: fenToMoney(l.amountFen),
    status: l.status,
    funding: {
      upper: fenToMoney(l.upperFen),
      county: fenToMoney(approved ? l.amountFen - l.upperFen : 0),
    },
  };
  if (l.reason !== undefined) line.reason = l.reason;
  return line;
}

/** One payment line by its id (POST /payments/{lineId}/reversal), if drafted. */
export function getPaymentLine(db: Db, lineId: string): PaymentLineView | undefined {
  // A line id is `${batchId}-${lineNo}`: found by the table's key, with no index of its own to maintain.
  const key = parseLineId(lineId);
  const b = key && batchRow(db, key.batchId);
  if (key === undefined || b === undefined || lineIdOf(key.batchId, key.lineNo) !== lineId) return undefined;
  const l = linesOf(db, b, key.lineNo, key.lineNo)[0];
  return l === undefined
    ? undefined
    : { ...toLineView(b.batch_id, l), batchId: b.batch_id, lineNo: l.lineNo, personId: l.personId };
}

/** The lines of a batch for its bank file, in lineNo order (full account numbers: mask the rest yourself). */
export function bankFileLines(db: Db, batchId: string): BankFileLine[] {
  const b = batchRow(db, batchId);
  if (b === undefined) return [];
  return linesOf(db, b).map((l) => ({
    lineId: lineIdOf(b.batch_id, l.lineNo),
    lineNo: l.lineNo,
    personId: l.personId,
    certificateNumber: l.certificateNumber,
    name: l.name,
    bankAccount: l.bankAccount,
    amount: fenToMoney(l.amountFen),
    status: l.status,
  }));
}
