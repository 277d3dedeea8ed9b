/** Where one stream stood at a log position: what a seal commits to, one leaf per stream. */
export interface StreamHead {
  readonly streamId: string;
  /** Revision of the stream's last event at that position (0-based). */
  readonly revision: bigint;
  /** That event's `metadata.hash` (SHA-256 hex), which chains back to the stream's first event. */
  readonly hash: string;
}

/** Where a stream's last event sits in the log, to name it when a seal no longer matches. */
export interface LocatedStreamHead extends StreamHead {
  readonly position: bigint;
  readonly type: string;
}

/** `metadata.prevHash` of a stream's first event. */
export const ZERO_HASH = '0'.repeat(64);

/** Heads in leaf order: by the stream id's UTF-8 bytes (not UTF-16 code units), so any language sorts alike. */
export function sortHeads<H extends StreamHead>(heads: Iterable<H>): H[] {
  return [...heads]
    .map((head) => ({ head, key: Buffer.from(head.streamId, 'utf8') }))
    .sort((a, b) => Buffer.compare(a.key, b.key))
    .map((x) => x.head);
}
