import { refOf, shortHash, type Fault } from '../chain/fault';
import type { LocatedStreamHead, StreamHead } from './stream-head';

/**
 * Names the streams whose head at a seal's position is no longer the one the seal committed to, by walking
 * the sealed leaves (kept beside the seal) and today's heads, both in leaf order. The seal itself only holds
 * the root, which tells *that* something changed; the leaves tell *where*.
 */
export function sealedHeadFaults(
  sealed: readonly StreamHead[],
  now: readonly LocatedStreamHead[],
  seal: { position: bigint; upToPosition: bigint },
  limit = 20,
): Fault[] {
  const faults: Fault[] = [];
  const by = `seal@${seal.position.toString()}`;
  let i = 0;
  let j = 0;
  while ((i < sealed.length || j < now.length) && faults.length < limit) {
    const s = sealed[i];
    const n = now[j];
    const order = s && n ? Buffer.compare(Buffer.from(s.streamId), Buffer.from(n.streamId)) : s ? -1 : 1;
    if (order < 0) {
      faults.push({
        kind: 'sealed-head',
        at: seal.upToPosition,
        streamId: s!.streamId,
        message: `${by} committed this stream at revision ${s!.revision.toString()}, but it has no event at or before position ${seal.upToPosition.toString()} any more: the stream was removed`,
      });
      i++;
    } else if (order > 0) {
      faults.push({
        kind: 'sealed-head',
        at: n!.position,
        event: refOf(n!),
        message: `${by} knew no such stream at position ${seal.upToPosition.toString()}: it was inserted into sealed history`,
      });
      j++;
    } else {
      if (s!.revision !== n!.revision || s!.hash !== n!.hash) faults.push(changedHead(s!, n!, by));
      i++;
      j++;
    }
  }
  return faults;
}

function changedHead(s: StreamHead, n: LocatedStreamHead, by: string): Fault {
  const message =
    n.revision < s.revision
      ? `the stream now ends here, but ${by} committed it at revision ${s.revision.toString()}: ${(s.revision - n.revision).toString()} event(s) after this one were removed (truncated)`
      : n.revision > s.revision
        ? `${by} committed this stream at revision ${s.revision.toString()}: events were inserted into sealed history`
        : `head hash ${shortHash(n.hash)} ≠ sealed ${shortHash(s.hash)}: the stream was rewritten`;
  return { kind: 'sealed-head', at: n.position, event: refOf(n), message };
}
