import {
  ErrorType,
  START,
  excludeSystemEvents,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
  type Position,
} from '@eventstore/db-client';
import type { AllSubscription, RecordedEvent } from '../port/event-store.port';
import { comparePositions, isSystemEvent, positionOf, toRecordedEvent } from './esdb-mapping';

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
/** Errors no resubscription will cure. */
const FATAL = new Set<string>([ErrorType.ACCESS_DENIED, ErrorType.INVALID_ARGUMENT, ErrorType.UNSUPPORTED]);

export interface SubscriptionRetryListener {
  (error: unknown, attempt: number): void;
}

/**
 * A catch-up subscription to `$all` that survives dropped connections: EventStoreDB's client does not
 * resubscribe by itself, so when the stream fails or ends this resubscribes after the last event it saw,
 * with a capped backoff, until unsubscribed. It is pulled: the gRPC stream's own flow control (a small
 * readable buffer) holds the server back while the consumer is slow.
 */
export class EsdbAllSubscription implements AllSubscription, AsyncIterableIterator<RecordedEvent> {
  private closed = false;
  private current: AllStreamSubscription | undefined;
  private iterator: AsyncIterator<AllStreamResolvedEvent> | undefined;
  /** Where to resubscribe from: the last event received (delivered or skipped). */
  private resumeAt: Position | undefined;
  private failures = 0;
  private cancelBackoff: (() => void) | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: EventStoreDBClient,
    /** Deliver only events after this commit position (the consumer's checkpoint); undefined: from the start. */
    private readonly after: bigint | undefined,
    private readonly onClose: (s: EsdbAllSubscription) => void,
    private readonly onRetry: SubscriptionRetryListener = () => undefined,
  ) {}

  next(): Promise<IteratorResult<RecordedEvent>> {
    const result = this.queue.then(() => this.pull());
    this.queue = result.catch(() => undefined);
    return result;
  }

  async return(): Promise<IteratorResult<RecordedEvent>> {
    await this.unsubscribe();
    return DONE;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async unsubscribe(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.cancelBackoff?.();
    this.onClose(this);
    await this.drop();
  }

  private async pull(): Promise<IteratorResult<RecordedEvent>> {
    while (!this.closed) {
      let step: IteratorResult<AllStreamResolvedEvent>;
      try {
        this.iterator ??= (await this.open())[Symbol.asyncIterator]();
        step = await this.iterator.next();
      } catch (e) {
        if (this.closed) break;
        await this.retryAfter(e);
        continue;
      }
      if (step.done) {
        // The server ended the subscription (dropped, leader change): take it up again.
        if (!this.closed) await this.retryAfter(undefined);
        continue;
      }
      this.failures = 0;
      const event = step.value.event;
      if (event === undefined) continue;
      // Inclusive-safe: whatever the server resends on resubscription, nothing at or before what we saw.
      if (this.resumeAt !== undefined && comparePositions(event.position, this.resumeAt) <= 0) continue;
      this.resumeAt = event.position;
      if (this.after !== undefined && event.position.commit <= this.after) continue;
      if (isSystemEvent(event)) continue;
      return { done: false, value: toRecordedEvent(event) };
    }
    return DONE;
  }

  private async open(): Promise<AllStreamSubscription> {
    const from = this.resumeAt ?? (await this.startingPoint());
    this.current = this.client.subscribeToAll({ fromPosition: from, filter: excludeSystemEvents() });
    return this.current;
  }

  /**
   * Subscribing from a checkpoint: a real record position at or before it. A checkpoint past the end (a log
   * rebuilt, a test's far-off position) starts at the last record instead; later events are filtered by it.
   */
  private async startingPoint(): Promise<Position | typeof START> {
    if (this.after === undefined || this.after <= 0n) return START;
    for await (const r of this.client.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 })) {
      const last = r.event?.position;
      if (last !== undefined && last.commit <= this.after) return last;
    }
    return positionOf(this.after);
  }

  private async retryAfter(error: unknown): Promise<void> {
    await this.drop();
    if (error !== undefined && isFatal(error)) {
      this.closed = true;
      this.onClose(this);
      throw error;
    }
    this.failures++;
    this.onRetry(error, this.failures);
    await this.backoff(Math.min(5_000, 100 * 2 ** Math.min(this.failures - 1, 6)));
  }

  private backoff(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.cancelBackoff = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async drop(): Promise<void> {
    const sub = this.current;
    this.current = undefined;
    this.iterator = undefined;
    try {
      await sub?.unsubscribe();
    } catch {
      // Already broken: nothing left to release.
    }
  }
}

function isFatal(e: unknown): boolean {
  const type = (e as { type?: unknown }).type;
  return typeof type === 'string' && FATAL.has(type);
}
