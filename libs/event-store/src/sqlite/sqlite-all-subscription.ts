import type { EventEmitter } from 'node:events';
import type { AllSubscription, RecordedEvent } from '../port/event-store.port';

const PAGE = 1000;
/** How often a waiting subscriber looks for events appended by another process on the same file. */
const POLL_MS = 50;

/**
 * A catch-up subscription over the SQLite log: pages history from the checkpoint, then waits for appends (this
 * process's are signalled at once; another process's are found by a short poll while waiting). Pull-based:
 * at most one page is buffered, however slow the consumer.
 */
export class SqliteAllSubscription implements AllSubscription {
  private buffer: RecordedEvent[] = [];
  private done = false;
  private wake: (() => void) | undefined;
  private readonly onSignal = (): void => this.wake?.();

  constructor(
    private readonly page: (after: bigint, limit: number) => RecordedEvent[],
    private readonly signals: EventEmitter,
    private checkpoint: bigint,
  ) {
    signals.on('appended', this.onSignal);
    signals.on('closed', this.onClosed);
  }

  private readonly onClosed = (): void => {
    void this.unsubscribe();
  };

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return { next: () => this.next(), return: async () => (await this.unsubscribe(), { done: true, value: undefined }) };
  }

  private async next(): Promise<IteratorResult<RecordedEvent>> {
    while (!this.done) {
      const buffered = this.buffer.shift();
      if (buffered) return { done: false, value: buffered };
      const rows = this.page(this.checkpoint, PAGE);
      if (rows.length > 0) {
        this.buffer = rows;
        this.checkpoint = rows[rows.length - 1]!.position;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, POLL_MS);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
    return { done: true, value: undefined };
  }

  unsubscribe(): Promise<void> {
    if (!this.done) {
      this.done = true;
      this.signals.off('appended', this.onSignal);
      this.signals.off('closed', this.onClosed);
      this.wake?.();
    }
    return Promise.resolve();
  }
}
