import type { RecordedEvent } from '@subsidy/event-store';
import { anEvent, collect, someEvents, uniqueStream } from '../support/events';
import type { ContractContext, Section } from './context';

/** Appends one event at a time to three streams, in turn: the `$all` order is this order. */
async function interleaved(
  ctx: ContractContext,
  n: number,
): Promise<{ streams: Set<string>; ids: string[]; positions: bigint[] }> {
  const streams = [uniqueStream('all-a'), uniqueStream('all-b'), uniqueStream('all-c')];
  const ids: string[] = [];
  const positions: bigint[] = [];
  for (let i = 0; i < n; i++) {
    const e = anEvent({ i });
    const r = await ctx.store.appendToStream(streams[i % 3]!, [e]);
    ids.push(e.id);
    positions.push(r.position);
  }
  return { streams: new Set(streams), ids, positions };
}

const mine = (streams: Set<string>) => (events: RecordedEvent[]) =>
  events.filter((e) => streams.has(e.streamId));

export const readingAll: Section = (ctx, options) => {
  describe('$all', () => {
    it('orders every event by a strictly increasing position, forwards and backwards', async () => {
      const before = await ctx().store.headPosition();
      const { streams, ids, positions } = await interleaved(ctx(), 9);
      const forwards = mine(streams)(await collect(ctx().store.readAll({ fromPosition: before })));
      expect(forwards.map((e) => e.id)).toEqual(ids);
      expect(forwards.map((e) => e.position)).toEqual(positions);
      expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
      expect(new Set(positions).size).toBe(positions.length);

      const backwards = mine(streams)(await collect(ctx().store.readAll({ direction: 'backwards' }), 10_000));
      expect(backwards.map((e) => e.id)).toEqual([...ids].reverse());
    });

    it('reads from a position exclusively: a checkpoint yields what came after it', async () => {
      const { streams, ids, positions } = await interleaved(ctx(), 6);
      const after = mine(streams)(await collect(ctx().store.readAll({ fromPosition: positions[2]! })));
      expect(after.map((e) => e.id)).toEqual(ids.slice(3));
      const limited = await collect(ctx().store.readAll({ fromPosition: positions[2]!, maxCount: 2 }));
      expect(limited).toHaveLength(2);
      expect(limited[0]!.position).toBeGreaterThan(positions[2]!);

      const before = mine(streams)(
        await collect(ctx().store.readAll({ direction: 'backwards', fromPosition: positions[3]! }), 1000),
      );
      expect(before.map((e) => e.id)).toEqual([ids[2], ids[1], ids[0]]);
    });

    it('reads ahead, and with only some metadata keys, the same events (metadata at least those keys)', async () => {
      const { store } = ctx();
      const before = await store.headPosition();
      const { streams, ids } = await interleaved(ctx(), 6);
      const plain = mine(streams)(await collect(store.readAll({ fromPosition: before })));
      const options = { fromPosition: before, readAhead: true, metadataKeys: ['actor'] } as const;
      const ahead = mine(streams)(await collect(store.readAll(options)));
      expect(ahead.map((e) => e.id)).toEqual(ids);
      ahead.forEach((e, i) => {
        const { metadata, ...rest } = plain[i]!;
        expect(e).toMatchObject(rest);
        expect(e.metadata['actor']).toBe('contract-test');
        expect(metadata).toMatchObject(e.metadata);
      });
    });

    it('reads with only some fields asked for: every event, in order, with at least those fields', async () => {
      const { store } = ctx();
      const before = await store.headPosition();
      const stream = uniqueStream('all-fields');
      await store.appendToStream(
        stream,
        Array.from({ length: 9 }, (_, i) =>
          anEvent({ i, tier: i % 2 === 0 ? 'a' : 'b', other: 'x' }, i % 3 === 0 ? 'NotAsked' : 'Asked'),
        ),
      );
      const plain = (await collect(store.readAll({ fromPosition: before }))).filter(
        (e) => e.streamId === stream,
      );
      const fields = { Asked: { data: ['i', 'tier', 'absent'], metadata: ['actor'] } };
      const ours = new Set(plain.map((e) => e.position));
      const read = (await collect(store.readAll({ fromPosition: before, readAhead: true, fields }))).filter(
        (e) => ours.has(e.position),
      );
      expect(read.map((e) => [e.position, e.type])).toEqual(plain.map((e) => [e.position, e.type]));
      read.forEach((e, i) => {
        expect(e.recordedAt).toEqual(plain[i]!.recordedAt);
        if (e.type !== 'Asked') return;
        const { i: n, tier } = plain[i]!.data as { i: number; tier: string };
        expect(e.data).toMatchObject({ i: n, tier });
        expect(e.data).not.toHaveProperty('absent');
        expect(e.metadata['actor']).toBe('contract-test');
      });
    });

    it('a checkpoint past the end reads nothing, and headPosition is the last position', async () => {
      const { store } = ctx();
      const { positions } = await interleaved(ctx(), 3);
      const head = await store.headPosition();
      if (options.exclusiveLog) expect(head).toBe(positions[2]);
      else expect(head).toBeGreaterThanOrEqual(positions[2]!);
      expect(await collect(store.readAll({ fromPosition: head + 1_000_000_000n }))).toEqual([]);
      expect(await collect(store.readAll({ fromPosition: 'end' }))).toEqual([]);
    });

    it('streams a long log across pages', async () => {
      const { store } = ctx();
      const before = await store.headPosition();
      const stream = uniqueStream('all-long');
      await store.appendToStream(stream, someEvents(1000), { expectedRevision: 'no_stream' });
      await store.appendToStream(stream, someEvents(1500), { expectedRevision: 999n });
      const read = (await collect(store.readAll({ fromPosition: before }))).filter(
        (e) => e.streamId === stream,
      );
      expect(read.map((e) => e.revision)).toEqual(Array.from({ length: 2500 }, (_, i) => BigInt(i)));
    });
  });

  // A shared server is never empty.
  if (options.exclusiveLog) {
    it('an empty log has headPosition 0 and nothing in $all', async () => {
      const { store } = ctx();
      expect(await store.headPosition()).toBe(0n);
      expect(await collect(store.readAll())).toEqual([]);
    });
  }
};
