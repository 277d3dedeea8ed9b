import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import type { AllSubscription, RecordedEvent } from '../port/event-store.port';

type Subscribe = (after: bigint) => AsyncIterable<AllStreamResolvedEvent>;

/**
 * EventStoreDB subscriptions do not resubscribe by themselves: this one does, from the last position it
 * delivered, and skips anything at or before it (a resubscription may replay the checkpoint's own event).
 * Pull-based: it reads the client's stream only as fast as the consumer asks.
 */
export class EsdbAllSubscription implements AllSubscription {
  private done = false;
  private current: AsyncIterable<AllStreamResolvedEvent> | undefined;

  constructor(
    private readonly subscribe: Subscribe,
    private readonly toRecorded: (e: AllStreamResolvedEvent) => RecordedEvent | undefined,
    private checkpoint: bigint,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    let failures = 0;
    while (!this.done) {
      try {
        this.current = this.subscribe(this.checkpoint);
        for await (const resolved of this.current) {
          if (this.done) return;
          const e = this.toRecorded(resolved);
          if (!e || e.position <= this.checkpoint || e.streamId.startsWith('$')) continue;
          this.checkpoint = e.position;
          failures = 0;
          yield e;
        }
      } catch (error) {
        if (this.done) return;
        failures += 1;
        if (failures > 10) throw error;
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** failures)));
      }
    }
  }

  async unsubscribe(): Promise<void> {
    this.done = true;
    const sub = this.current as { unsubscribe?: () => Promise<void> } | undefined;
    await sub?.unsubscribe?.();
  }
}
