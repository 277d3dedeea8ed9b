/**
 * Writing a draft of any size within EventStoreDB's limits: an append carries at most 1 MiB by default, so a
 * 27,066-line batch is a header event plus line chunks, grouped into appends well under that limit. Sizes
 * are UTF-8 bytes of the event data's JSON (names are Chinese: 3 bytes a character), plus an allowance for
 * the metadata each event carries (actor, ids, hashes).
 */
import type {
  PaymentBatchDrafted,
  PaymentBatchEvent,
  PaymentBatchLine,
  PaymentBatchLinesDrafted,
} from '../events/payment-batch-events';
import type { PaymentBatchDraft } from './draft-payment-batch';
import { linesChunk } from './chunk-lines';

/**
 * Data of one PaymentBatchLinesDrafted at most (≈540 lines as columns, ~90 bytes each; version-1 objects held
 * ≈225). Small enough that the chunk's JSON
 * read back as a JavaScript string stays out of V8's large-object space: names are Chinese, so the string is
 * two-byte (2 bytes a character), and 48 KiB of UTF-8 is at most 48 Ki characters, ≤ 96 KiB, under V8's
 * ~128 KiB regular-object limit. Each large object takes fresh pages, and first touching a page is expensive
 * on a small VM: rebuilding a 1 M-event log with 256 KiB chunks took 237k page faults and 3.4 s more CPU than
 * with 48 KiB ones. Chunks written under the former 256 KiB limit read the same (the limit is the writer's).
 */
export const MAX_CHUNK_BYTES = 48 * 1024;
/** One append: events' data plus their allowances, with room under the 1 MiB limit. */
export const MAX_APPEND_BYTES = 900 * 1024;
/** Metadata and envelope allowance per event. */
export const EVENT_OVERHEAD_BYTES = 4 * 1024;

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** A chunk's five columns (chunk-lines.ts): each empty one is written `[]`. */
const EMPTY_COLUMNS_BYTES = 5 * 2;

/**
 * Splits lines, in order, into chunks whose five columns' JSON arrays (personIds, certificateNumbers, names,
 * bankAccounts, amounts: a version-2 chunk event's lines) take at most `maxBytes` together; none is empty.
 */
export function chunkLines(
  lines: readonly PaymentBatchLine[],
  maxBytes: number = MAX_CHUNK_BYTES,
): PaymentBatchLine[][] {
  const chunks: PaymentBatchLine[][] = [];
  let current: PaymentBatchLine[] = [];
  let size = EMPTY_COLUMNS_BYTES;
  for (const line of lines) {
    const lineBytes =
      bytes(line.personId) +
      bytes(line.certificateNumber) +
      bytes(line.name) +
      bytes(line.bankAccount) +
      bytes(line.amount);
    if (EMPTY_COLUMNS_BYTES + lineBytes > maxBytes)
      throw new RangeError(`line ${line.lineId} alone takes ${lineBytes} bytes, more than ${maxBytes}`);
    const commas = current.length > 0 ? 5 : 0; // one a column
    if (size + lineBytes + commas > maxBytes) {
      chunks.push(current);
      current = [];
      size = EMPTY_COLUMNS_BYTES;
    }
    size += lineBytes + (current.length > 0 ? 5 : 0);
    current.push(line);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export interface ChunkedDraft {
  /** The batch stream's events: the header (chunkCount set), then chunks numbered 1..chunkCount. */
  events: PaymentBatchEvent[];
  /** The same events grouped into appends, in order; the first holds the header (append it with no_stream). */
  appends: PaymentBatchEvent[][];
}

export function chunkDraft(
  draft: PaymentBatchDraft,
  limits: { maxChunkBytes?: number; maxAppendBytes?: number } = {},
): ChunkedDraft {
  const maxAppendBytes = limits.maxAppendBytes ?? MAX_APPEND_BYTES;
  const widest = Number.MAX_SAFE_INTEGER;
  const emptyChunk = { ...linesChunk(draft.batchId, widest, []), firstLineNo: widest };
  const chunkEnvelope = bytes(emptyChunk) - EMPTY_COLUMNS_BYTES;
  const maxChunkBytes =
    Math.min(limits.maxChunkBytes ?? MAX_CHUNK_BYTES, maxAppendBytes - EVENT_OVERHEAD_BYTES) - chunkEnvelope;
  const chunks = chunkLines(draft.lines, maxChunkBytes);

  const { lines: _lines, ...header } = draft;
  const headerEvent: PaymentBatchDrafted = {
    type: 'PaymentBatchDrafted',
    data: { ...header, chunkCount: chunks.length },
  };
  const chunkEvents = chunks.map((lines, i): PaymentBatchLinesDrafted => ({
    type: 'PaymentBatchLinesDrafted',
    data: linesChunk(draft.batchId, i + 1, lines),
  }));
  const events: PaymentBatchEvent[] = [headerEvent, ...chunkEvents];
  return { events, appends: groupIntoAppends(events, maxAppendBytes) };
}

function groupIntoAppends(
  events: readonly PaymentBatchEvent[],
  maxAppendBytes: number,
): PaymentBatchEvent[][] {
  const appends: PaymentBatchEvent[][] = [];
  let current: PaymentBatchEvent[] = [];
  let size = 0;
  for (const event of events) {
    const eventBytes = bytes(event.data) + EVENT_OVERHEAD_BYTES;
    if (eventBytes > maxAppendBytes)
      throw new RangeError(`${event.type} takes ${eventBytes} bytes, more than one append`);
    if (current.length > 0 && size + eventBytes > maxAppendBytes) {
      appends.push(current);
      current = [];
      size = 0;
    }
    current.push(event);
    size += eventBytes;
  }
  if (current.length > 0) appends.push(current);
  return appends;
}
