import {
  StreamNotFoundError,
  WrongExpectedRevisionError,
  uuidv7,
  type EventStore,
} from '@subsidy/event-store';

/** One append attempt in a race, as JSON (it also crosses process boundaries). */
export interface Attempt {
  readonly writer: string;
  /** 'no_stream' or the exact revision, as a decimal string. */
  readonly expected: string;
  readonly eventId: string;
  readonly won: boolean;
  /** For a lost attempt: the error's name and its actual revision. */
  readonly error?: string;
  readonly errorExpected?: string;
  readonly actual?: string;
}

async function headRevision(store: EventStore, streamId: string): Promise<bigint | undefined> {
  try {
    for await (const e of store.readStream(streamId, { direction: 'backwards', maxCount: 1 }))
      return e.revision;
    return undefined;
  } catch (e) {
    if (e instanceof StreamNotFoundError) return undefined;
    throw e;
  }
}

/**
 * A writer that wants `count` events in the stream: read the head, append right after it with the exact
 * expected revision, and on a conflict read again. Optimistic concurrency, the way the ledger writes.
 */
export async function race(
  store: EventStore,
  streamId: string,
  writer: string,
  count: number,
): Promise<Attempt[]> {
  const attempts: Attempt[] = [];
  let written = 0;
  while (written < count) {
    const head = await headRevision(store, streamId);
    const expected = head === undefined ? ('no_stream' as const) : head;
    const eventId = uuidv7();
    const base = { writer, expected: String(expected), eventId };
    try {
      await store.appendToStream(
        streamId,
        [{ id: eventId, type: 'Raced', data: { writer, n: written }, metadata: { actor: writer } }],
        { expectedRevision: expected },
      );
      attempts.push({ ...base, won: true });
      written++;
    } catch (e) {
      if (!(e instanceof WrongExpectedRevisionError)) throw e;
      attempts.push({
        ...base,
        won: false,
        error: e.name,
        errorExpected: String(e.expectedRevision),
        actual: String(e.actualRevision),
      });
    }
  }
  return attempts;
}
