import { forEachLimited } from './promise-pool';

describe('forEachLimited', () => {
  it('does every item once and never has more than the limit in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await forEachLimited(
      Array.from({ length: 50 }, (_, i) => i),
      4,
      async (n) => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        done.push(n);
        inFlight--;
      },
    );
    expect(most).toBe(4);
    expect([...done].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    const run = forEachLimited([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      await new Promise((resolve) => setImmediate(resolve));
      if (n === 2) throw new Error('bank is closed');
    });
    await expect(run).rejects.toThrow('bank is closed');
    expect(started).toEqual([1, 2, 3]);
  });
});
