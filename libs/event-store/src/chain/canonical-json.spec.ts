import fc from 'fast-check';
import { canonicalJson, JsonPieces, writeCanonical } from './canonical-json';

/** The canonical JSON as the chain writes it, and whether some keys had to be sorted. */
function canonicalJsonAndOrder(value: unknown): { json: string; asStringify: boolean } {
  const out = new JsonPieces();
  writeCanonical(out, value);
  return { json: out.text(), asStringify: !out.reordered };
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('follows JSON.stringify for what JSON cannot hold', () => {
    expect(canonicalJson({ gone: undefined, kept: [undefined, Number.NaN], when: new Date(0) })).toBe(
      '{"kept":[null,null],"when":"1970-01-01T00:00:00.000Z"}',
    );
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });

  it('writes exactly what JSON.stringify writes once keys are sorted, escapes and all (any Unicode, lone surrogates)', () => {
    const sorted = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sorted)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
            )
          : v;
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
        expect(canonicalJson(value)).toBe(JSON.stringify(sorted(value)));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives an event the same bytes before it is stored and after it is read back, whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const readBack = JSON.parse(JSON.stringify(value)) as unknown;
        expect(canonicalJson(readBack)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(readBack);
      }),
    );
  });

  it('says when it wrote exactly what JSON.stringify writes (every key already in order), so that text can be stored as it is', () => {
    expect(canonicalJsonAndOrder({ a: 1, b: { c: [{ d: 2, e: 3 }] } }).asStringify).toBe(true);
    expect(canonicalJsonAndOrder({ a: 1, b: { c: [{ e: 3, d: 2 }] } }).asStringify).toBe(false);
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
        const { json, asStringify } = canonicalJsonAndOrder(value);
        expect(json).toBe(canonicalJson(value));
        if (asStringify) expect(json).toBe(JSON.stringify(value));
        else expect(json).not.toBe(JSON.stringify(value));
      }),
      { numRuns: 1000 },
    );
  });
});
