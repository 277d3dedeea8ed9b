import { uuidv7, type EventStore, type RecordedEvent } from '@subsidy/event-store';

/** Appends `events` (recorded elsewhere) to `store` one append each, in order; returns the last position. */
export async function appendEach(store: EventStore, events: readonly RecordedEvent[]): Promise<bigint> {
  let position = 0n;
  for (const e of events) {
    const data = [{ id: uuidv7(), type: e.type, data: e.data, metadata: e.metadata }];
    ({ position } = await store.appendToStream(e.streamId, data));
  }
  return position;
}
