import { createHash } from 'node:crypto';

/**
 * The Merkle Tree Hash of RFC 6962 §2.1 (Certificate Transparency), chosen because auditors can recompute it
 * with any published implementation:
 *   leaf  = SHA-256(0x00 ‖ leaf bytes)
 *   node  = SHA-256(0x01 ‖ left ‖ right)
 *   MTH(n leaves) = node(MTH(first k), MTH(rest)), k the largest power of two < n; MTH(1) = the leaf hash;
 *   MTH(0) = SHA-256 of nothing.
 * The 0x00/0x01 prefixes keep a leaf from ever passing for an inner node (second-preimage safety).
 */
export function leafHash(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(bytes).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The root over leaf hashes in the order given. */
export function merkleRoot(leafHashes: readonly Uint8Array[]): Buffer {
  if (leafHashes.length === 0) return createHash('sha256').digest();
  return subtreeRoot(leafHashes, 0, leafHashes.length);
}

// Recursion depth is log2(n): a million leaves go 20 deep.
function subtreeRoot(leaves: readonly Uint8Array[], from: number, to: number): Buffer {
  const n = to - from;
  if (n === 1) return Buffer.from(leaves[from]!);
  const k = largestPowerOfTwoBelow(n);
  return nodeHash(subtreeRoot(leaves, from, from + k), subtreeRoot(leaves, from + k, to));
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);
