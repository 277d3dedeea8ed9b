import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@subsidy/event-store';
import { paymentBatchStream } from '@subsidy/domain/events/streams';
import type { PaymentBatchEvent } from '@subsidy/domain/events/payment-batch-events';
import { draftFromEvents, type StoredPaymentBatchDraft } from '@subsidy/domain/disbursement';
import { EVENT_STORE } from '../infrastructure/tokens';
import { readStreamFrom } from '../infrastructure/stream-reader';
import { toDomainEvent } from './to-domain-event';

/** Lines of complete drafts kept in memory at most (the newest draft stays, whatever its size). */
const MAX_CACHED_LINES = 300_000;

/**
 * Batch drafts, read from their own streams. A complete draft never changes, so it is cached for good; an
 * incomplete one (a crash between chunk appends) is read again each time.
 */
@Injectable()
export class PaymentBatchRepository {
  private readonly complete = new Map<string, StoredPaymentBatchDraft>();
  private cachedLines = 0;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(batchId: string): Promise<StoredPaymentBatchDraft | undefined> {
    const cached = this.complete.get(batchId);
    if (cached) return cached;
    const recorded = await readStreamFrom(this.store, paymentBatchStream(batchId));
    const draft = draftFromEvents(recorded.map((e) => toDomainEvent(e) as PaymentBatchEvent));
    if (draft?.complete) {
      this.complete.set(batchId, draft);
      this.cachedLines += draft.lines.length;
      // Bounded by lines, not drafts: a thousand county batches would be tens of millions of lines.
      for (const [id, oldest] of this.complete) {
        if (this.cachedLines <= MAX_CACHED_LINES || id === batchId) break;
        this.complete.delete(id);
        this.cachedLines -= oldest.lines.length;
      }
    }
    return draft;
  }
}
