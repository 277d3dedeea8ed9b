import type {
  PaymentBatchLine,
  PaymentBatchLinesDrafted,
  PaymentBatchLinesDraftedV1Data,
} from '../events/payment-batch-events';
import type { MoneyString } from '../shared/money';
import { lineIdOf } from './line-id';

type LinesChunk = PaymentBatchLinesDrafted['data'];

/** The chunk event (version 2) of lines numbered consecutively from the first one's lineNo, as drafting writes them. */
export function linesChunk(batchId: string, chunk: number, lines: readonly PaymentBatchLine[]): LinesChunk {
  const firstLineNo = lines.length > 0 ? lines[0]!.lineNo : 1;
  if (!consecutive(batchId, firstLineNo, lines))
    throw new RangeError(`chunk ${chunk} of ${batchId}: lines are not numbered ${batchId}-n consecutively`);
  return { batchId, chunk, firstLineNo, ...columnsOf(lines) };
}

/**
 * A version-1 chunk as version 2 (the upcaster). A chunk whose lines are not consecutive `${batchId}-${lineNo}`
 * cannot be written as columns; it gets `firstLineNo` 0, which no reader takes for well-formed, so its draft
 * stays unapprovable as it was.
 */
export function linesChunkFromV1(data: PaymentBatchLinesDraftedV1Data): LinesChunk {
  const { batchId, chunk, lines } = data;
  const firstLineNo = lines.length > 0 ? lines[0]!.lineNo : 1;
  return {
    batchId,
    chunk,
    firstLineNo: consecutive(batchId, firstLineNo, lines) ? firstLineNo : 0,
    ...columnsOf(lines),
  };
}

/** Lines' fields as a version-2 chunk's columns, in its key order. */
function columnsOf(lines: readonly PaymentBatchLine[]) {
  return {
    personIds: lines.map((l) => l.personId),
    certificateNumbers: lines.map((l) => l.certificateNumber),
    names: lines.map((l) => l.name),
    bankAccounts: lines.map((l) => l.bankAccount),
    amounts: lines.map((l) => l.amount),
  };
}

function consecutive(batchId: string, firstLineNo: number, lines: readonly PaymentBatchLine[]): boolean {
  return lines.every((l, i) => l.lineNo === firstLineNo + i && l.lineId === lineIdOf(batchId, l.lineNo));
}

/**
 * The lines of a stored chunk event, whichever version its data is (readers of raw events: projections,
 * history): columns, each line's number, and each line as an object.
 */
export interface ChunkLines {
  readonly batchId: string;
  readonly chunk: number;
  readonly count: number;
  readonly personIds: readonly string[];
  readonly certificateNumbers: readonly string[];
  readonly names: readonly string[];
  readonly bankAccounts: readonly string[];
  readonly amounts: readonly MoneyString[];
  lineNoAt(i: number): number;
  /**
   * Line i as an object: a version-1 chunk's own stored line, or one built with its id and the keys in the
   * order version 1 wrote them (the store gives data back as written), so both show alike, to the byte.
   */
  lineAt(i: number): PaymentBatchLine;
}

export function chunkLinesOf(data: LinesChunk | PaymentBatchLinesDraftedV1Data): ChunkLines {
  if ('lines' in data && Array.isArray(data.lines)) {
    const lines = data.lines;
    return {
      batchId: data.batchId,
      chunk: data.chunk,
      count: lines.length,
      ...columnsOf(lines),
      lineNoAt: (i) => lines[i]!.lineNo,
      lineAt: (i) => lines[i]!,
    };
  }
  const c = data as LinesChunk;
  const lineNoAt = (i: number) => c.firstLineNo + i;
  return {
    batchId: c.batchId,
    chunk: c.chunk,
    count: c.personIds.length,
    personIds: c.personIds,
    certificateNumbers: c.certificateNumbers,
    names: c.names,
    bankAccounts: c.bankAccounts,
    amounts: c.amounts,
    lineNoAt,
    lineAt: (i) => ({
      lineId: lineIdOf(c.batchId, lineNoAt(i)),
      lineNo: lineNoAt(i),
      personId: c.personIds[i]!,
      certificateNumber: c.certificateNumbers[i]!,
      name: c.names[i]!,
      bankAccount: c.bankAccounts[i]!,
      amount: c.amounts[i]!,
    }),
  };
}

/** Every line of a chunk (either version) as objects (small drafts, tests). */
export function linesOfChunk(data: LinesChunk | PaymentBatchLinesDraftedV1Data): PaymentBatchLine[] {
  const lines = chunkLinesOf(data);
  return Array.from({ length: lines.count }, (_, i) => lines.lineAt(i));
}
