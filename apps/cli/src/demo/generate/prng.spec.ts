import { Prng } from './prng';

describe('Prng', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number) =>
      Array.from(
        { length: 5 },
        (
          (p) => () =>
            p.next()
        )(new Prng(seed)),
      );
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('keeps integers within their inclusive bounds and reaches both ends', () => {
    const p = new Prng(1);
    const seen = new Set(Array.from({ length: 2000 }, () => p.int(3, 7)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('never picks a zero-weight choice and follows the weights roughly', () => {
    const p = new Prng(7);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++)
      counts[
        p.weighted([
          ['a', 3],
          ['b', 1],
          ['c', 0],
        ] as const)
      ]++;
    expect(counts.c).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.5);
    expect(counts.a / counts.b).toBeLessThan(3.5);
  });

  it('shuffles into a permutation of the same items', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const shuffled = new Prng(9).shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
  });
});
