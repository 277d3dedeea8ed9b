import { randomUUID } from 'node:crypto';
import type { EventData, EventStore, JsonValue, RecordedEvent } from '@subsidy/event-store';
import { uuidv7 } from '@subsidy/event-store';

/** A stream name no other test (or earlier run against a shared EventStoreDB) has used. */
export function uniqueStream(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

export function anEvent(data: JsonValue = {}, type = 'ThingHappened'): EventData {
  return {
    id: uuidv7(),
    type,
    data,
    metadata: { actor: 'contract-test', correlationId: 'c-1', causationId: 'c-1' },
  };
}

export function someEvents(n: number, type = 'ThingHappened'): EventData[] {
  return Array.from({ length: n }, (_, i) => anEvent({ n: i }, type));
}

export async function collect<T>(source: AsyncIterable<T>, limit = Number.POSITIVE_INFINITY): Promise<T[]> {
  const out: T[] = [];
  if (limit <= 0) return out;
  for await (const x of source) {
    out.push(x);
    if (out.length >= limit) break;
  }
  return out;
}

export async function readStreamFully(store: EventStore, streamId: string): Promise<RecordedEvent[]> {
  return collect(store.readStream(streamId));
}

/** The rejection of `promise`, asserting its class (so its fields can be checked next). */
export async function rejectionOf<E extends Error>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(type);
    return e as E;
  }
  throw new Error(`expected a ${type.name}, but it resolved`);
}

/** The iteration's rejection (reading a missing stream fails on the first `next()`). */
export async function iterationRejectionOf<E extends Error>(
  source: AsyncIterable<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  return rejectionOf(collect(source), type);
}

/** Lets other tasks run (a consumer that is slow without sleeping). */
export function macrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
