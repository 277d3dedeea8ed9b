import type { EventStore, RecordedEvent } from '@subsidy/event-store';

/** The event at a log position (a read of `$all` just after the position before it; works on every adapter). */
export async function readEventAt(store: EventStore, position: bigint): Promise<RecordedEvent | undefined> {
  for await (const e of store.readAll({ fromPosition: position - 1n, maxCount: 1 })) {
    return e.position === position ? e : undefined;
  }
  return undefined;
}
