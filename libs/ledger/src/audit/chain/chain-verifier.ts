import type { RecordedEvent } from '@subsidy/event-store/port/event-store.port';
import { links, nextRevision, type ChainHead } from '@subsidy/event-store/chain/chain-rule';
import type { EventHasher } from './event-hasher';
import { refOf, shortHash, type EventRef, type Fault } from './fault';
import type { LocatedStreamHead } from '../seal/stream-head';

const HEX64 = /^[0-9a-f]{64}$/;
/** The head hash, in a seal's leaves, of a stream whose last event had none readable. */
const UNKNOWN = '';

/** A stream's head as the chain rule sees it (hash undefined when unknown), and where it sits. */
interface Head extends ChainHead {
  readonly position: bigint;
  readonly type: string;
}

/**
 * Checks the hash chain of a log fed in `$all` order, one event at a time, keeping only each stream's head
 * (never the events): a million-event log costs one map entry per stream.
 * Per event: positions strictly increase, and the chain rule holds (event-store's chain-rule: revisions run
 * 0, 1, 2… per stream; prevHash is the hash of the stream's previous event, 64 zeros for its first; the stored
 * hash is the hash of the stored content).
 * After a fault the stream's head moves to the event as stored, so one changed event is reported once, not
 * again at every later event of its stream.
 */
export class ChainVerifier {
  private readonly heads = new Map<string, Head>();
  private last: bigint | undefined;
  private counted = 0;

  constructor(private readonly hashOf: EventHasher) {}

  get eventCount(): number {
    return this.counted;
  }

  get streamCount(): number {
    return this.heads.size;
  }

  get lastPosition(): bigint | undefined {
    return this.last;
  }

  /** Checks one event and moves its stream's head; answers the fault it shows, if any. */
  check(e: RecordedEvent): Fault | undefined {
    this.counted++;
    const fault = this.positionFault(e) ?? this.chainFault(e);
    if (this.last === undefined || e.position > this.last) this.last = e.position;
    const hash = e.metadata['hash'];
    this.heads.set(e.streamId, {
      revision: e.revision,
      hash: typeof hash === 'string' && hash !== UNKNOWN ? hash : undefined,
      position: e.position,
      type: e.type,
    });
    return fault;
  }

  /**
   * Counts an event whose stored content could not even be read (reported by the caller) and moves its
   * stream's head past it, so the stream's later events are still checked against each other.
   */
  skip(e: EventRef): void {
    this.counted++;
    if (this.last === undefined || e.position > this.last) this.last = e.position;
    this.heads.set(e.streamId, { revision: e.revision, hash: undefined, position: e.position, type: e.type });
  }

  /** Every stream's head as of the last event checked (for a seal's leaves). */
  *streamHeads(): IterableIterator<LocatedStreamHead> {
    for (const [streamId, h] of this.heads) yield { streamId, ...h, hash: h.hash ?? UNKNOWN };
  }

  private positionFault(e: RecordedEvent): Fault | undefined {
    if (this.last === undefined || e.position > this.last) return undefined;
    return {
      kind: 'position',
      at: e.position,
      event: refOf(e),
      message: `position does not increase: it follows position ${this.last.toString()}`,
    };
  }

  private chainFault(e: RecordedEvent): Fault | undefined {
    const head = this.heads.get(e.streamId);
    const { hash, prevHash } = e.metadata;
    const fault = (kind: Fault['kind'], message: string): Fault => ({
      kind,
      at: e.position,
      event: refOf(e),
      message,
    });
    if (
      typeof hash !== 'string' ||
      !HEX64.test(hash) ||
      typeof prevHash !== 'string' ||
      !HEX64.test(prevHash)
    ) {
      return fault(
        'unchained',
        'the event carries no valid hash/prevHash: it was not written through the chain',
      );
    }
    const expectedRevision = nextRevision(head);
    if (e.revision !== expectedRevision) {
      return fault(
        'revision',
        e.revision > expectedRevision
          ? `revision ${expectedRevision.toString()} is missing before it (removed or moved)`
          : `revision repeats or goes back: the stream is already at revision ${head!.revision.toString()}`,
      );
    }
    const recomputed = this.hashOf(e, prevHash);
    if (recomputed !== hash) {
      return fault(
        'content',
        `content changed: stored hash ${shortHash(hash)}, recomputed from the stored data and metadata ${shortHash(recomputed)}`,
      );
    }
    // After an event whose hash could not be read (already reported) the link cannot be checked.
    if (!links(head, prevHash)) {
      return fault(
        'link',
        head === undefined
          ? `prevHash ${shortHash(prevHash)} should be 64 zeros for a stream's first event`
          : `prevHash ${shortHash(prevHash)} ≠ hash ${shortHash(head.hash)} of revision ${head.revision.toString()} at position ${head.position.toString()}: the chain is broken here`,
      );
    }
    return undefined;
  }
}
