import crypto from 'node:crypto';
import type { JsonObject, JsonValue } from '../port/json';
import { canonicalJson } from './canonical-json';

/** prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** What the hash covers: the event's identity, place and content (metadata includes prevHash). */
export interface HashableEvent {
  readonly id: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: JsonValue;
  readonly metadata: JsonObject;
}

/**
 * SHA-256 (hex) over the canonical JSON of {id, streamId, revision (decimal string), type, data,
 * metadata without `hash`}. Whatever else may be in metadata is covered, prevHash included.
 */
export function hashEvent(event: HashableEvent): string {
  const { hash: _ignored, ...metadata } = event.metadata;
  const content = {
    id: event.id,
    streamId: event.streamId,
    revision: event.revision.toString(),
    type: event.type,
    data: event.data,
    metadata,
  };
  return sha256Hex(canonicalJson(content));
}

/** SHA-256 of a string's UTF-8 bytes, hex; one-shot `crypto.hash` where Node has it (20.12+), about twice as fast for an event. */
export const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The hash an event must carry if its predecessor's hash is `prevHash`: the audit recomputes this for each
 * event and compares it with `metadata.hash` (a tampered field, or a prevHash that does not link, differs).
 */
export function expectedHash(event: HashableEvent, prevHash: string): string {
  return hashEvent({ ...event, metadata: { ...event.metadata, prevHash } });
}

/** The hash recorded in an event's metadata, if any. */
export function recordedHash(event: { readonly metadata: JsonObject }): string | undefined {
  const h = event.metadata['hash'];
  return typeof h === 'string' ? h : undefined;
}
