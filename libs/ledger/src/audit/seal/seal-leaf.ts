import { leafHash, merkleRoot } from '../merkle/merkle-root';
import type { StreamHead } from './stream-head';

/**
 * A seal's leaf, exactly as hashed: UTF-8 of `streamId TAB revision TAB headHash` (revision in decimal, hash
 * in lower-case hex), no line ending. The last two fields never hold a tab, so the line parses from the right
 * whatever the stream id holds. This is also the line format of a seal's leaves file.
 */
export function sealLeafLine(head: StreamHead): string {
  return `${head.streamId}\t${head.revision.toString()}\t${head.hash}`;
}

export function parseSealLeafLine(line: string): StreamHead {
  const m = /^(.*)\t(\d+)\t([0-9a-f]{64})$/s.exec(line);
  if (!m) throw new Error(`not a seal leaf (streamId TAB revision TAB hash): ${JSON.stringify(line)}`);
  return { streamId: m[1]!, revision: BigInt(m[2]!), hash: m[3]! };
}

/** The seal root (lower-case hex) over heads already in leaf order (`sortHeads`). */
export function sealRoot(sortedHeads: readonly StreamHead[]): string {
  return merkleRoot(sortedHeads.map((h) => leafHash(Buffer.from(sealLeafLine(h), 'utf8')))).toString('hex');
}
