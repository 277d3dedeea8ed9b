/** The event a fault is blamed on, as the auditor finds it in the log. */
export interface EventRef {
  readonly position: bigint;
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
}

export type FaultKind =
  /** stored hash ≠ hash recomputed from the stored content: data or metadata changed */
  | 'content'
  /** prevHash ≠ the hash of the stream's previous event: an event before it was changed, removed or swapped */
  | 'link'
  /** revisions not contiguous from 0: an event was removed, duplicated or moved */
  | 'revision'
  /** positions not strictly increasing */
  | 'position'
  /** no hash or prevHash at all: written around the chain */
  | 'unchained'
  /** a seal's recorded root or counts ≠ those recomputed from the log */
  | 'seal'
  /** a stream's head ≠ the one a seal committed to (truncated, rewritten or inserted) */
  | 'sealed-head'
  /** the auditor's receipt ≠ the seal recorded at its position */
  | 'receipt'
  /** live read models ≠ a fresh replay of the log */
  | 'read-models';

export interface Fault {
  readonly kind: FaultKind;
  /** Log position to order faults by ("first faulty"); none for read-model faults, which come last. */
  readonly at?: bigint;
  readonly event?: EventRef;
  /** The stream at fault when no single event is (a stream a seal covered that is now gone). */
  readonly streamId?: string;
  readonly message: string;
}

export const refOf = (e: EventRef): EventRef => ({
  position: e.position,
  streamId: e.streamId,
  revision: e.revision,
  type: e.type,
});

/** Log order; faults without a position last, in the order found. */
export function byPosition(a: Fault, b: Fault): number {
  if (a.at === undefined || b.at === undefined) return a.at === undefined ? (b.at === undefined ? 0 : 1) : -1;
  return a.at < b.at ? -1 : a.at > b.at ? 1 : 0;
}

/** One line: `position P, stream S, revision R, TYPE: what is wrong`. */
export function describeFault(f: Fault): string {
  const where = f.event
    ? `position ${f.event.position.toString()}, stream ${f.event.streamId}, revision ${f.event.revision.toString()}, ${f.event.type}`
    : f.streamId !== undefined
      ? `stream ${f.streamId}`
      : f.kind === 'read-models'
        ? 'read models'
        : `position ${f.at?.toString() ?? '?'}`;
  return `${where}: ${f.message}`;
}

/** Hashes in messages: enough hex to tell two apart at a glance. */
export const shortHash = (hash: unknown): string =>
  typeof hash === 'string' ? (hash.length > 16 ? `${hash.slice(0, 16)}…` : hash) : String(hash);
