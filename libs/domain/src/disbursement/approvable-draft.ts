import type {
  PaymentBatchDrafted,
  PaymentBatchEvent,
  PaymentBatchLinesDrafted,
} from '../events/payment-batch-events';
import type { ApprovableBatch } from '../program-year/approve-payment-batch';
import { DraftLinesBuilder } from './draft-lines';

/**
 * Reads a batch's `payment-batch-{id}` events one at a time into what approval needs (compact `DraftLines`),
 * so a caller can read the stream a chunk at a time and drop each chunk's event once added: a 270,660-line
 * draft is ~55 MB of JSON, never all in memory at once. Same rules as `draftFromEvents`: header first, chunks
 * in any order (each once; one that arrives ahead of its turn waits for the ones before it), complete once
 * chunks 1..chunkCount are all present and hold `lineCount` lines.
 */
export class ApprovableDraftReader {
  private header: PaymentBatchDrafted['data'] | undefined;
  private lines: DraftLinesBuilder | undefined;
  private readonly seen = new Set<number>();
  /** Chunks read before the one that precedes them (none when the stream is in order, as it is written). */
  private readonly early = new Map<number, PaymentBatchLinesDrafted['data']>();
  private nextChunk = 1;

  add(event: PaymentBatchEvent): void {
    if (this.header === undefined) {
      if (event.type !== 'PaymentBatchDrafted')
        throw new Error(`batch stream starts with ${event.type}, not its header`);
      this.header = event.data;
      this.lines = new DraftLinesBuilder(event.data.batchId);
      return;
    }
    if (event.type !== 'PaymentBatchLinesDrafted')
      throw new Error(`batch ${this.header.batchId} has a second header`);
    const { chunk } = event.data;
    if (this.seen.has(chunk)) throw new Error(`batch ${this.header.batchId} has chunk ${chunk} twice`);
    this.seen.add(chunk);
    if (chunk !== this.nextChunk) {
      this.early.set(chunk, event.data);
      return;
    }
    this.lines!.add(event.data);
    this.nextChunk += 1;
    for (let next = this.early.get(this.nextChunk); next; next = this.early.get(this.nextChunk)) {
      this.early.delete(this.nextChunk);
      this.lines!.add(next);
      this.nextChunk += 1;
    }
  }

  /** The draft read so far; `undefined` when there was no header. */
  finish(): ApprovableBatch | undefined {
    const header = this.header;
    if (header === undefined) return undefined;
    const builder = this.lines!;
    // A gap: the chunks after it are added in order too, so the line count says how much is present.
    const allChunks = this.early.size === 0 && this.nextChunk === header.chunkCount + 1;
    for (const n of [...this.early.keys()].sort((a, b) => a - b)) builder.add(this.early.get(n)!);
    this.early.clear();
    const lines = builder.finish();
    return {
      batchId: header.batchId,
      programCode: header.programCode,
      year: header.year,
      maker: header.maker,
      lineCount: header.lineCount,
      total: header.total,
      lines,
      complete: allChunks && lines.count === header.lineCount,
    };
  }
}

/** An approvable draft from its events already in memory (tests, small batches). */
export function approvableDraft(events: Iterable<PaymentBatchEvent>): ApprovableBatch | undefined {
  const reader = new ApprovableDraftReader();
  for (const event of events) reader.add(event);
  return reader.finish();
}
