import { AppendTooLargeError } from './errors';
import { MAX_APPEND_BYTES } from './limits';

/** An event as the stores write it: data and metadata already serialized to JSON. */
export interface SerializedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
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
