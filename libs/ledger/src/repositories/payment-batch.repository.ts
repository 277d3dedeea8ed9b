import { Inject, Injectable } from '@nestjs/common';
import { StreamNotFoundError, type EventStore } from '@subsidy/event-store';
import { paymentBatchStream } from '@subsidy/domain/events/streams';
import type { PaymentBatchDrafted, PaymentBatchEvent } from '@subsidy/domain/events/payment-batch-events';
import { ApprovableDraftReader } from '@subsidy/domain/disbursement/approvable-draft';
import type { ApprovableBatch } from '@subsidy/domain/program-year/approve-payment-batch';
import { EVENT_STORE } from '../infrastructure/tokens';
import { toDomainEvent } from './to-domain-event';

/** Lines of complete drafts kept in memory at most (the newest draft stays, whatever its size). */
const MAX_CACHED_LINES = 300_000;
/**
 * Events read per query: a chunk event holds up to 48 KiB of lines (256 KiB in drafts written before), so a
 * 270,660-line draft (~1,200 chunks, ~55 MB of JSON) is read two chunks at a time, each dropped once its lines
 * are added.
 */
const EVENTS_PER_READ = 2;

/**
 * Batch drafts, read from their own streams: the header alone (bank returns and reversals need only which
 * program-year and how many lines), or everything approval needs, compact (`DraftLines`). A complete draft
 * never changes, so it is cached for good; an incomplete one (a crash between chunk appends) is read again
 * each time.
 */
@Injectable()
export class PaymentBatchRepository {
  private readonly complete = new Map<string, ApprovableBatch>();
  private cachedLines = 0;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The draft's header event; `undefined` when the batch does not exist. */
  async header(batchId: string): Promise<PaymentBatchDrafted['data'] | undefined> {
    try {
      for await (const e of this.store.readStream(paymentBatchStream(batchId), {
        fromRevision: 0n,
        maxCount: 1,
      })) {
        const event = toDomainEvent(e) as PaymentBatchEvent;
        if (event.type !== 'PaymentBatchDrafted')
          throw new Error(`batch stream ${batchId} starts with ${event.type}, not its header`);
        return event.data;
      }
    } catch (e) {
      if (!(e instanceof StreamNotFoundError)) throw e;
    }
    return undefined;
  }

  /** The draft as approval reads it: header and compact lines, streamed chunk by chunk. */
  async approvable(batchId: string): Promise<ApprovableBatch | undefined> {
    const cached = this.complete.get(batchId);
    if (cached) return cached;
    const reader = new ApprovableDraftReader();
    const stream = paymentBatchStream(batchId);
    try {
      for (let revision = 0n; ;) {
        let read = 0;
        for await (const e of this.store.readStream(stream, {
          fromRevision: revision,
          maxCount: EVENTS_PER_READ,
        })) {
          reader.add(toDomainEvent(e) as PaymentBatchEvent);
          read += 1;
        }
        if (read < EVENTS_PER_READ) break;
        revision += BigInt(read);
      }
    } catch (e) {
      if (!(e instanceof StreamNotFoundError)) throw e;
    }
    const draft = reader.finish();
    if (draft?.complete) this.remember(draft);
    return draft;
  }

  private remember(draft: ApprovableBatch): void {
    this.complete.set(draft.batchId, draft);
    this.cachedLines += draft.lines.count;
    // Bounded by lines, not drafts: a thousand county batches would be tens of millions of lines.
    for (const [id, oldest] of this.complete) {
      if (this.cachedLines <= MAX_CACHED_LINES || id === draft.batchId) break;
      this.complete.delete(id);
      this.cachedLines -= oldest.lines.count;
    }
  }
}
