import type { AllSubscription, RecordedEvent } from '../port/event-store.port';
import type { ChangeFeed, ChangeWait } from './change-feed';

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

export interface SubscriptionSource {
  readonly feed: ChangeFeed;
  /** Up to `limit` events with position > `after`, in order. */
  readAfter(after: bigint, limit: number): RecordedEvent[];
}

/**
 * Catch-up subscription to `$all`, pulled by the consumer: it reads one page (at most `pageSize` events)
 * only when the previous one is used up, so a slow consumer costs one page of memory, never more. When it
 * has caught up it waits on the change feed, then reads again from its cursor: nothing skipped, nothing twice.
 */
export class SqliteAllSubscription implements AllSubscription, AsyncIterableIterator<RecordedEvent> {
  private page: RecordedEvent[] = [];
  private index = 0;
  private closed = false;
  private waiting: ChangeWait | undefined;
  /** next() calls run one after another, whoever calls them. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private cursor: bigint,
    private readonly source: SubscriptionSource,
    private readonly pageSize: number,
    private readonly onClose: (s: SqliteAllSubscription) => void,
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

  unsubscribe(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.page = [];
      this.waiting?.cancel();
      this.onClose(this);
    }
    return Promise.resolve();
  }

  private async pull(): Promise<IteratorResult<RecordedEvent>> {
    for (;;) {
      if (this.closed) return DONE;
      const event = this.page[this.index];
      if (event !== undefined) {
        this.index++;
        this.cursor = event.position;
        return { done: false, value: event };
      }
      const since = this.source.feed.version();
      this.page = this.source.readAfter(this.cursor, this.pageSize);
      this.index = 0;
      if (this.page.length > 0) continue;
      this.waiting = this.source.feed.wait(since);
      await this.waiting.promise;
      this.waiting = undefined;
    }
  }
}
