import { CertificateCodes } from './certificate-codes';

const personId = (n: number) => `34152219800101${String(n).padStart(4, '0')}`;

describe('CertificateCodes (certificate numbers packed by slot)', () => {
  it('gives back every certificate number as set: ID number and suffix, another shape, many suffixes', () => {
    const codes = new CertificateCodes();
    const given: Array<[string, string]> = Array.from({ length: 200 }, (_, i) => {
      const id = personId(i);
      // 100 distinct suffixes: more than the table takes, the rest kept on the side
      const cert = i === 7 ? `${personId(8)}41` : i === 9 ? 'not-a-certificate' : `${id}${i % 100}`;
      return [id, cert];
    });
    given.forEach(([id, cert], slot) => codes.set(slot, id, cert));

    expect(given.map(([id], slot) => codes.get(slot, id))).toEqual(given.map(([, cert]) => cert));
  });

  it('a clone changes without changing the original', () => {
    const original = new CertificateCodes();
    original.set(0, personId(1), `${personId(1)}62`);
    const clone = original.clone();
    clone.set(0, personId(1), `${personId(1)}41`);
    clone.set(1, personId(2), 'other');

    expect(original.get(0, personId(1))).toBe(`${personId(1)}62`);
    expect(clone.get(0, personId(1))).toBe(`${personId(1)}41`);
    expect(clone.get(1, personId(2))).toBe('other');
  });
});
