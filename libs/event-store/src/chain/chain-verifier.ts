import type { RecordedEvent } from '../port/event-store.port';
import { expectedHash, recordedHash } from './event-hash';
import { links, nextRevision, requiredPrevHash, type ChainHead } from './chain-rule';

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
  private readonly heads = new Map<string, ChainHead>();
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
    const wantedRevision = nextRevision(head);
    if (event.revision !== wantedRevision)
      return fault('revision-gap', `expected revision ${wantedRevision}`);
    const claimed = event.metadata['prevHash'];
    if (!links(head, claimed)) {
      return fault(
        'broken-link',
        `prevHash ${String(claimed)} is not ${String(requiredPrevHash(head) ?? claimed)}`,
      );
    }
    const expected = expectedHash(event, claimed);
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
