/**
 * Runs the load → decide → append cycles of one stream one after another within this process. This is only
 * an optimisation: requests racing on a hot program-year would otherwise all read the same revision and all
 * but one fail and retry, over and over. The guard of every invariant stays the exact expected revision of
 * the append (another API node is not in this queue, and its conflicts are retried as before).
 */
export class StreamQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(streamId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.tails.set(streamId, tail);
    void tail.then(() => {
      if (this.tails.get(streamId) === tail) this.tails.delete(streamId);
    });
    return next;
  }
}
