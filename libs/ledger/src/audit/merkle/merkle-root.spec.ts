import { leafHash, merkleRoot, nodeHash } from './merkle-root';

// The reference tree of RFC 6962 as Certificate Transparency's own tests publish it: eight leaf inputs and the
// root of each prefix. Matching them means an auditor's off-the-shelf CT library recomputes our roots.
const INPUTS = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('merkleRoot: RFC 6962 Merkle Tree Hash', () => {
  const leaves = INPUTS.map((hex) => leafHash(Buffer.from(hex, 'hex')));

  it('gives the published root for every tree size from 0 to 8', () => {
    for (let n = 0; n <= leaves.length; n++) {
      expect(merkleRoot(leaves.slice(0, n)).toString('hex')).toBe(ROOTS[n]);
    }
  });

  it('splits an uneven tree at the largest power of two below its size', () => {
    const [a, b, c, d, e] = leaves.slice(0, 5);
    expect(merkleRoot([a!, b!, c!, d!, e!])).toEqual(
      nodeHash(nodeHash(nodeHash(a!, b!), nodeHash(c!, d!)), e!),
    );
  });

  it('changes when any leaf changes or two leaves swap', () => {
    const root = merkleRoot(leaves).toString('hex');
    const changed = [...leaves];
    changed[6] = leafHash(Buffer.from('5051525354555658', 'hex'));
    expect(merkleRoot(changed).toString('hex')).not.toBe(root);
    const swapped = [...leaves];
    [swapped[2], swapped[3]] = [swapped[3]!, swapped[2]!];
    expect(merkleRoot(swapped).toString('hex')).not.toBe(root);
  });
});
