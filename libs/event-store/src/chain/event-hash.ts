import { createHash } from 'node:crypto';
import type { JsonObject, JsonValue } from '../port/json';
import { canonicalJson } from './canonical-json';

/** The previous-hash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashableEvent {
  id: string;
  streamId: string;
  revision: bigint;
  type: string;
  data: JsonValue;
  metadata: JsonObject;
}

/**
 * SHA-256 (hex) over the canonical JSON of {id, streamId, revision, type, data, metadata} where metadata holds
 * `prevHash` and not `hash`. Any changed byte, a moved event (revision, stream) or a broken link changes it.
 */
export function expectedHash(event: HashableEvent, prevHash: string): string {
  const { hash: _hash, ...metadata } = event.metadata;
  const content = {
    id: event.id,
    streamId: event.streamId,
    revision: event.revision.toString(),
    type: event.type,
    data: event.data,
    metadata: { ...metadata, prevHash },
  };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
