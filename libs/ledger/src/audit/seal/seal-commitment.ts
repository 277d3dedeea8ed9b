import type { LedgerSealed } from '@subsidy/domain/events/ledger-events';
import { sealRoot } from './seal-leaf';
import { sortHeads, type StreamHead } from './stream-head';

/** What a LedgerSealed event records: the root over every stream head at `upToPosition`, and the counts. */
export interface SealCommitment {
  readonly upToPosition: bigint;
  readonly root: string;
  readonly streamCount: number;
  readonly eventCount: number;
}

/** The commitment over the heads of every stream at `upToPosition`; `leaves` are the heads in leaf order. */
export function commitTo<H extends StreamHead>(
  heads: Iterable<H>,
  upToPosition: bigint,
  eventCount: number,
): { commitment: SealCommitment; leaves: H[] } {
  const leaves = sortHeads(heads);
  return {
    commitment: { upToPosition, root: sealRoot(leaves), streamCount: leaves.length, eventCount },
    leaves,
  };
}

export function toSealedData(c: SealCommitment): LedgerSealed['data'] {
  return {
    upToPosition: c.upToPosition.toString(),
    root: c.root,
    streamCount: c.streamCount,
    eventCount: c.eventCount,
  };
}

/** A LedgerSealed event's data read back; undefined when it is not one (it is then reported, not trusted). */
export function fromSealedData(data: unknown): SealCommitment | undefined {
  const d = (data ?? {}) as Record<string, unknown>;
  if (typeof d.upToPosition !== 'string' || !/^\d+$/.test(d.upToPosition)) return undefined;
  if (typeof d.root !== 'string' || !/^[0-9a-f]{64}$/.test(d.root)) return undefined;
  if (!Number.isSafeInteger(d.streamCount) || !Number.isSafeInteger(d.eventCount)) return undefined;
  return {
    upToPosition: BigInt(d.upToPosition),
    root: d.root,
    streamCount: d.streamCount as number,
    eventCount: d.eventCount as number,
  };
}
