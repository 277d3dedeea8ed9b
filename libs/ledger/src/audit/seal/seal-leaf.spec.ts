import { createHash } from 'node:crypto';
import { parseSealLeafLine, sealLeafLine, sealRoot } from './seal-leaf';
import { sortHeads, type StreamHead } from './stream-head';

const sha256 = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
const h = (c: string): string => c.repeat(64);

describe('a seal: the Merkle root over every stream head', () => {
  const heads: StreamHead[] = [
    { streamId: 'program-year-care-services-2024', revision: 94n, hash: h('a') },
    { streamId: 'beneficiary-341524197001110118', revision: 2n, hash: h('b') },
    { streamId: 'audit-seals', revision: 0n, hash: h('c') },
  ];

  it('hashes each leaf as the line "streamId TAB revision TAB hash" under RFC 6962 prefixes', () => {
    // Recomputed by hand, as an auditor would with sha256sum: leaves sorted by stream id, 3 leaves split 2 + 1.
    const leaf = (line: string) => sha256(Buffer.from([0]), Buffer.from(line, 'utf8'));
    const [seals, person, program] = [
      `audit-seals\t0\t${h('c')}`,
      `beneficiary-341524197001110118\t2\t${h('b')}`,
      `program-year-care-services-2024\t94\t${h('a')}`,
    ].map(leaf);
    const node = (l: Buffer, r: Buffer) => sha256(Buffer.from([1]), l, r);
    expect(sealRoot(sortHeads(heads))).toBe(node(node(seals!, person!), program!).toString('hex'));
  });

  it('sorts stream ids by UTF-8 bytes, where UTF-16 order would differ', () => {
    const ids = ['s-\u{1F600}', 's-\uFF21', 's-a'].map((streamId) => ({
      streamId,
      revision: 0n,
      hash: h('0'),
    }));
    // U+FF21 (EF BC A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8; UTF-16 puts the surrogate D83D first.
    expect(sortHeads(ids).map((x) => x.streamId)).toEqual(['s-a', 's-\uFF21', 's-\u{1F600}']);
  });

  it('commits to every head: a stream one revision shorter gives another root', () => {
    const shorter = heads.map((x, i) => (i === 1 ? { ...x, revision: 1n } : x));
    expect(sealRoot(sortHeads(shorter))).not.toBe(sealRoot(sortHeads(heads)));
  });

  it('reads a leaf line back, even when a stream id holds a tab', () => {
    const odd = { streamId: 'odd\tstream', revision: 12n, hash: h('d') };
    expect(parseSealLeafLine(sealLeafLine(odd))).toEqual(odd);
    expect(() => parseSealLeafLine('audit-seals\t0\tnot-a-hash')).toThrow(/not a seal leaf/);
  });
});
