import { StreamNotFoundError, type EventStore, type RecordedEvent } from '@subsidy/event-store';

/** Reads a stream forwards from a revision; a missing stream is simply empty here. */
export async function readStreamFrom(
  store: EventStore,
  streamId: string,
  fromRevision: bigint = 0n,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  try {
    for await (const e of store.readStream(streamId, { fromRevision })) events.push(e);
  } catch (e) {
    if (!(e instanceof StreamNotFoundError)) throw e;
  }
  return events;
}
