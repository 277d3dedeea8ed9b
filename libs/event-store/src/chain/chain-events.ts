import type { EventData } from '../port/event-store.port';
import type { JsonObject, JsonValue } from '../port/json';
import type { SerializedEventData } from '../port/append-limit';
import { sha256Hex } from './event-hash';
import { canonicalJson, isPlain, JsonPieces, writeCanonical, writeChainMetadata } from './canonical-json';

/**
 * An event as the chain hands it down: its JSON as it is to be stored, and its hash. The metadata object
 * (with prevHash and hash) is only built if an adapter asks for it: the SQLite one stores the text.
 */
export class ChainedEvent implements SerializedEventData {
  constructor(
    readonly id: string,
    readonly type: string,
    readonly data: JsonValue,
    readonly dataJson: string,
    readonly metadataJson: string,
    readonly hash: string,
  ) {}

  get metadata(): JsonObject {
    return JSON.parse(this.metadataJson) as JsonObject;
  }
}

/**
 * The events with prevHash and hash set, for revisions first, first + 1, …, each serialised once: the canonical
 * JSON the hash covers (see hashEvent) is written in one piece, and the strings handed down to be stored are cut
 * from it, so an adapter that takes them (SerializedEventData) writes exactly the bytes that were hashed. Stored
 * data keeps its own key order (it is canonical already when its keys are sorted); stored metadata is its
 * canonical JSON with the hash added last.
 */
export function chain(
  streamId: string,
  events: readonly EventData[],
  first: bigint,
  prevHash: string,
): ChainedEvent[] {
  let prev = prevHash;
  const tail = `","streamId":${canonicalJson(streamId)},"type":`;
  // Revisions as plain numbers while they are exact (always, in practice): a bigint an event costs more.
  const base = first + BigInt(events.length) <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(first) : undefined;
  const chained = new Array<ChainedEvent>(events.length);
  // One event's canonical JSON, joined into one flat string (which SHA-256 reads as it is).
  const out = new JsonPieces();
  let type: string | undefined;
  let typeEnd = '';
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    out.reset();
    out.add('{"data":');
    if (!writeCanonical(out, e.data))
      throw new TypeError(`event ${e.id}: its data has no JSON representation`);
    const dataTo = out.length;
    if (isPlain(e.id)) {
      out.addAfter(',"id":"', '","id":"');
      out.addOpenString(e.id, e.id);
    } else {
      out.addAfter(',"id":', '","id":');
      writeCanonical(out, e.id);
    }
    out.addAfter(',"metadata":', '","metadata":');
    const metadataFrom = out.length;
    writeChainMetadata(out, e.metadata, prev);
    const metadataTo = out.length;
    out.add(',"revision":"');
    out.add(String(base === undefined ? first + BigInt(i) : base + i));
    out.add(tail);
    if (e.type !== type) {
      type = e.type;
      typeEnd = `${canonicalJson(type)}}`;
    }
    out.add(typeEnd);
    const canonical = out.text();
    const hash = sha256Hex(canonical);
    chained[i] = new ChainedEvent(
      e.id,
      e.type,
      e.data,
      // A slice of a flat string shares its characters.
      out.reordered ? JSON.stringify(e.data) : canonical.slice(8, dataTo),
      // The canonical metadata always ends in "}" and holds prevHash, so it is never "{}".
      `${canonical.slice(metadataFrom, metadataTo - 1)},"hash":"${hash}"}`,
      hash,
    );
    prev = hash;
  }
  return chained;
}
