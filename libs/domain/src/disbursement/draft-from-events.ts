import type {
  PaymentBatchDrafted,
  PaymentBatchEvent,
  PaymentBatchLine,
} from '../events/payment-batch-events';
import { linesOfChunk } from './chunk-lines';
import type { ApprovableBatch } from '../program-year/approve-payment-batch';

/** A batch's draft as read back from its stream. */
export interface StoredPaymentBatchDraft extends Omit<ApprovableBatch, 'lines'> {
  mode: PaymentBatchDrafted['data']['mode'];
  chunkCount: number;
  warnings: PaymentBatchDrafted['data']['warnings'];
  lines: PaymentBatchLine[];
  /** Chunk numbers present (1-based), e.g. to resume writing an interrupted draft. */
  chunksPresent: number[];
}

/**
 * Rebuilds the draft from its `payment-batch-{id}` events: header first, then chunks in any order (each
 * once). `undefined` when there is no header. `complete` once chunks 1..chunkCount are all present and hold
 * `lineCount` lines; only a complete draft can be approved.
 */
export function draftFromEvents(events: readonly PaymentBatchEvent[]): StoredPaymentBatchDraft | undefined {
  const [first, ...rest] = events;
  if (!first) return undefined;
  if (first.type !== 'PaymentBatchDrafted')
    throw new Error(`batch stream starts with ${first.type}, not its header`);
  const header = first.data;
  const chunks = new Map<number, PaymentBatchLine[]>();
  for (const event of rest) {
    if (event.type !== 'PaymentBatchLinesDrafted')
      throw new Error(`batch ${header.batchId} has a second header`);
    if (chunks.has(event.data.chunk))
      throw new Error(`batch ${header.batchId} has chunk ${event.data.chunk} twice`);
    chunks.set(event.data.chunk, linesOfChunk(event.data));
  }
  const chunksPresent = [...chunks.keys()].sort((a, b) => a - b);
  const lines = chunksPresent.flatMap((n) => chunks.get(n)!);
  const allChunks = chunksPresent.length === header.chunkCount && chunksPresent.every((n, i) => n === i + 1);
  return {
    batchId: header.batchId,
    programCode: header.programCode,
    year: header.year,
    maker: header.maker,
    mode: header.mode,
    lineCount: header.lineCount,
    total: header.total,
    chunkCount: header.chunkCount,
    warnings: header.warnings,
    lines,
    chunksPresent,
    complete: allChunks && lines.length === header.lineCount,
  };
}
