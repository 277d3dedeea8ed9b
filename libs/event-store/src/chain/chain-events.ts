import type { EventData } from '../port/event-store.port';
import type { JsonObject } from '../port/json';
import type { SerializedEventData } from '../port/append-limit';
import { sha256Hex } from './event-hash';
import { canonicalJson, canonicalJsonAndOrder } from './canonical-json';

/**
 * The events with prevHash and hash set, for revisions first, first + 1, …, each serialised once: the canonical
 * JSON the hash covers (see hashEvent) is built from the very strings handed down to be stored, so an adapter
 * that takes them (SerializedEventData) writes exactly the bytes that were hashed. Stored data keeps its own
 * key order (it is canonical already when its keys are sorted); stored metadata is its canonical JSON with
 * the hash added last.
 */
export function chain(
  streamId: string,
  events: readonly EventData[],
  first: bigint,
  prevHash: string,
): SerializedEventData[] {
  let prev = prevHash;
  const tail = `,"streamId":${canonicalJson(streamId)},"type":`;
  // Revisions as plain numbers while they are exact (always, in practice): a bigint a row costs more.
  const base = first + BigInt(events.length) <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(first) : undefined;
  return events.map((e, i) => {
    const metadata: JsonObject = {};
    for (const k of Object.keys(e.metadata)) if (k !== 'hash') metadata[k] = e.metadata[k]!;
    metadata['prevHash'] = prev;
    const metadataJson = canonicalJson(metadata);
    const data = canonicalJsonAndOrder(e.data);
    const hash = sha256Hex(
      `{"data":${data.json},"id":${canonicalJson(e.id)},"metadata":${metadataJson},"revision":"${base === undefined ? first + BigInt(i) : base + i}"${tail}${canonicalJson(e.type)}}`,
    );
    metadata['hash'] = hash;
    prev = hash;
    return {
      id: e.id,
      type: e.type,
      data: e.data,
      metadata,
      dataJson: data.asStringify ? data.json : JSON.stringify(e.data),
      // metadataJson always ends in "}" and holds prevHash, so it is never "{}".
      metadataJson: `${metadataJson.slice(0, -1)},"hash":"${hash}"}`,
    };
  });
}
