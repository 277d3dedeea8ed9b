import type Database from 'better-sqlite3';
import type { MoneyString } from '@subsidy/domain/shared/money';
import { parseLineId } from '@subsidy/domain/disbursement/line-id';
import { fenToMoney } from '../fen';
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

interface LineRow {
  batch_id: string;
  line_no: number;
  line_id: string;
  person_id: string;
  certificate_number: string;
  name: string;
  bank_account: string;
  amount_fen: number;
  status: LineStatus;
  upper_fen: number;
  county_fen: number;
  reason: string | null;
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
  const b = prepared<[string], BatchRow>(db, 'SELECT * FROM payment_batch WHERE batch_id = ?').get(batchId);
  if (b === undefined) return undefined;
  const lines = prepared<[string], LineRow>(
    db,
    'SELECT * FROM payment_line WHERE batch_id = ? ORDER BY line_no',
  ).all(batchId);
  const view: BatchView = {
    ...toListItem(b),
    mode: b.mode,
    funding: { upper: fenToMoney(b.funding_upper_fen), county: fenToMoney(b.funding_county_fen) },
    warnings: JSON.parse(b.warnings) as unknown[],
    draftedAt: b.drafted_at,
    lines: lines.map(toLineView),
  };
  if (b.approved_at !== null) view.approvedAt = b.approved_at;
  return view;
}

function toLineView(l: LineRow): BatchLineView {
  const line: BatchLineView = {
    lineId: l.line_id,
    certificateNumber: l.certificate_number,
    amount: fenToMoney(l.amount_fen),
    status: l.status,
    funding: { upper: fenToMoney(l.upper_fen), county: fenToMoney(l.county_fen) },
  };
  if (l.reason !== null) line.reason = l.reason;
  return line;
}

/** One payment line by its id (POST /payments/{lineId}/reversal), if drafted. */
export function getPaymentLine(db: Db, lineId: string): PaymentLineView | undefined {
  // A line id is `${batchId}-${lineNo}`: found by the table's key, with no index of its own to maintain.
  const key = parseLineId(lineId);
  const l =
    key &&
    prepared<[string, number], LineRow>(
      db,
      'SELECT * FROM payment_line WHERE batch_id = ? AND line_no = ?',
    ).get(key.batchId, key.lineNo);
  return l === undefined || l.line_id !== lineId
    ? undefined
    : { ...toLineView(l), batchId: l.batch_id, lineNo: l.line_no, personId: l.person_id };
}

/** The lines of a batch for its bank file, in lineNo order (full account numbers: mask the rest yourself). */
export function bankFileLines(db: Db, batchId: string): BankFileLine[] {
  return prepared<[string], LineRow>(db, 'SELECT * FROM payment_line WHERE batch_id = ? ORDER BY line_no')
    .all(batchId)
    .map((l) => ({
      lineId: l.line_id,
      lineNo: l.line_no,
      personId: l.person_id,
      certificateNumber: l.certificate_number,
      name: l.name,
      bankAccount: l.bank_account,
      amount: fenToMoney(l.amount_fen),
      status: l.status,
    }));
}
