import { AppendTooLargeError } from './errors';
import { MAX_APPEND_BYTES } from './limits';
import type { EventData } from './event-store.port';

/** An event as the stores write it: data and metadata already serialized to JSON. */
export interface SerializedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/**
 * An event handed to an adapter with its JSON already written (the hash chain writes it once, to hash it):
 * `dataJson` and `metadataJson` are JSON.stringify-equivalent of `data` and `metadata`, and an adapter that
 * stores text stores them as they are instead of serialising again.
 */
export interface SerializedEventData extends EventData {
  readonly dataJson: string;
  readonly metadataJson: string;
}

/** The event's JSON: the strings it carries, else JSON.stringify's. */
export function serializeEvent(e: EventData): SerializedEvent {
  const pre = e as Partial<SerializedEventData>;
  if (typeof pre.dataJson === 'string' && typeof pre.metadataJson === 'string') {
    return { id: e.id, type: e.type, data: pre.dataJson, metadata: pre.metadataJson };
  }
  return { id: e.id, type: e.type, data: JSON.stringify(e.data), metadata: JSON.stringify(e.metadata) };
}

/**
 * Enforced by every adapter before writing (UTF-8 bytes of data + metadata JSON), so nothing is built on the
 * embedded store that EventStoreDB would refuse.
 */
export function assertAppendSize(streamId: string, events: readonly SerializedEvent[]): void {
  let bytes = 0;
  for (const e of events) bytes += Buffer.byteLength(e.data, 'utf8') + Buffer.byteLength(e.metadata, 'utf8');
  if (bytes > MAX_APPEND_BYTES) throw new AppendTooLargeError(streamId, bytes, MAX_APPEND_BYTES);
}
