import { GENESIS_HASH } from './event-hash';

/**
 * The per-stream hash chain's rule, in one place for every checker (the event store's ChainVerifier and the
 * ledger's audit): a stream's events carry revisions 0, 1, 2…; each event's prevHash is the hash of the stream's
 * previous event, the genesis hash (64 zeros) for its first; each event's hash is the one its content gives
 * (expectedHash). A checker walks the log keeping each stream's head and asks these questions of every event.
 */
export interface ChainHead {
  readonly revision: bigint;
  /** The hash the stream's last event carries; undefined when it has none (that event is already at fault). */
  readonly hash: string | undefined;
}

/** The revision the stream's next event must have. */
export function nextRevision(head: ChainHead | undefined): bigint {
  return head === undefined ? 0n : head.revision + 1n;
}

/** The prevHash the stream's next event must carry; undefined when the previous hash is unknown. */
export function requiredPrevHash(head: ChainHead | undefined): string | undefined {
  return head === undefined ? GENESIS_HASH : head.hash;
}

/**
 * Whether a claimed prevHash links an event to its stream's head. After an event without a hash the link cannot
 * be checked, so any string links (the event's own hash is still checked against its content).
 */
export function links(head: ChainHead | undefined, claimed: unknown): claimed is string {
  const required = requiredPrevHash(head);
  return typeof claimed === 'string' && (required === undefined || claimed === required);
}
