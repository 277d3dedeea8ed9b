import type { RecordedEvent } from '../port/event-store.port';
import { GENESIS_HASH, expectedHash, recordedHash } from './event-hash';

export type ChainFaultKind = 'missing-hash' | 'revision-gap' | 'broken-link' | 'hash-mismatch';

export interface ChainFault {
  readonly kind: ChainFaultKind;
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly message: string;
}

/**
 * Checks the per-stream hash chains as events go by, in `$all` or stream order: each stream must start at
 * revision 0 with the genesis prevHash, continue without gaps, link each prevHash to the previous event's
 * hash, and carry the hash its content gives. Keeps one hash per stream, so the whole log can stream past.
 */
export class ChainVerifier {
  private readonly heads = new Map<string, { revision: bigint; hash: string | undefined }>();
  private count = 0;

  /** The fault this event shows, or undefined when it links and hashes correctly. */
  check(event: RecordedEvent): ChainFault | undefined {
    this.count++;
    const fault = (kind: ChainFaultKind, message: string): ChainFault => ({
      kind,
      streamId: event.streamId,
      revision: event.revision,
      position: event.position,
      message: `${event.streamId}@${event.revision} (position ${event.position}): ${message}`,
    });
    const head = this.heads.get(event.streamId);
    const hash = recordedHash(event);
    // Walk on from this event whatever its fault, so one fault is reported once, not for the whole tail.
    this.heads.set(event.streamId, { revision: event.revision, hash });
    if (hash === undefined) return fault('missing-hash', 'no hash in metadata');
    const wantedRevision = head === undefined ? 0n : head.revision + 1n;
    if (event.revision !== wantedRevision)
      return fault('revision-gap', `expected revision ${wantedRevision}`);
    const claimed = event.metadata['prevHash'];
    // After an event without a hash (already reported) the link cannot be checked, only the content.
    const prevHash = head === undefined ? GENESIS_HASH : (head.hash ?? claimed);
    if (typeof prevHash !== 'string' || claimed !== prevHash) {
      return fault('broken-link', `prevHash ${String(claimed)} is not ${String(prevHash)}`);
    }
    const expected = expectedHash(event, prevHash);
    if (hash !== expected) return fault('hash-mismatch', `hash ${hash} is not ${expected} (content changed)`);
    return undefined;
  }

  /** Events checked so far. */
  get checked(): number {
    return this.count;
  }

  get streams(): number {
    return this.heads.size;
  }
}

/** Every fault in a sequence of events (a stream or the whole log, in order). */
export async function verifyChain(
  events: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>,
): Promise<ChainFault[]> {
  const verifier = new ChainVerifier();
  const faults: ChainFault[] = [];
  for await (const e of events) {
    const f = verifier.check(e);
    if (f !== undefined) faults.push(f);
  }
  return faults;
}
