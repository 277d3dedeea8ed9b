/**
 * Test support: hand-built logs with a hash chain, exactly as the chain decorator would have written them, so
 * the verifier can be tested on edited copies without a store.
 */
import { expectedHash } from '@subsidy/event-store';
import type { RecordedEvent } from '@subsidy/event-store/port/event-store.port';
import type { JsonObject } from '@subsidy/event-store/port/json';
import type { EventHasher } from '../chain/event-hasher';
import { ZERO_HASH } from '../seal/stream-head';

/** The chain decorator's own hash, so these logs are what the store would have written. */
export const testHasher: EventHasher = expectedHash;

/** The events with prevHash and hash set, stream by stream, in log order. */
export function chain(events: readonly RecordedEvent[], hashOf: EventHasher = testHasher): RecordedEvent[] {
  const heads = new Map<string, string>();
  return events.map((e) => {
    const prevHash = heads.get(e.streamId) ?? ZERO_HASH;
    const withPrev = { ...e, metadata: { ...e.metadata, prevHash } as JsonObject };
    const hash = hashOf(withPrev, prevHash);
    heads.set(e.streamId, hash);
    return { ...withPrev, metadata: { ...withPrev.metadata, hash } };
  });
}

/** The next event of a stream, appended to an already chained log. */
export function append(
  log: readonly RecordedEvent[],
  e: Pick<RecordedEvent, 'streamId' | 'type' | 'data'>,
  hashOf: EventHasher = testHasher,
): RecordedEvent[] {
  const last = log[log.length - 1]!;
  const prev = [...log].reverse().find((x) => x.streamId === e.streamId);
  const prevHash = typeof prev?.metadata['hash'] === 'string' ? prev.metadata['hash'] : ZERO_HASH;
  const event: RecordedEvent = {
    ...e,
    id: `e-${log.length + 1}`,
    revision: prev ? prev.revision + 1n : 0n,
    position: last.position + 1n,
    recordedAt: last.recordedAt,
    metadata: { ...last.metadata, prevHash },
  };
  return [...log, { ...event, metadata: { ...event.metadata, hash: hashOf(event, prevHash) } }];
}

export async function* streamOf(events: readonly RecordedEvent[]): AsyncIterable<RecordedEvent> {
  yield* events;
}
