import type { AllSubscription, EventData, EventStore, RecordedEvent } from '@subsidy/event-store';
import { anEvent, macrotask, someEvents, uniqueStream } from '../support/events';
import type { Section } from './context';

/** Pulls from `sub` until `done(received)`, keeping only events of `streams`, pausing after each (a slow consumer). */
async function consume(
  sub: AllSubscription,
  streams: ReadonlySet<string>,
  done: (received: RecordedEvent[]) => boolean,
  onEvent: (received: RecordedEvent[]) => void = () => undefined,
): Promise<RecordedEvent[]> {
  const received: RecordedEvent[] = [];
  for await (const e of sub) {
    if (!streams.has(e.streamId)) continue;
    received.push(e);
    onEvent(received);
    for (let i = 0; i < 3; i++) await macrotask();
    if (done(received)) break; // leaving the loop unsubscribes
  }
  return received;
}

async function appendOneByOne(
  store: EventStore,
  stream: string,
  events: readonly EventData[],
): Promise<bigint[]> {
  const positions: bigint[] = [];
  for (const e of events) positions.push((await store.appendToStream(stream, [e])).position);
  return positions;
}

export const subscriptions: Section = (ctx) => {
  describe('subscribeToAll', () => {
    it('delivers history, then live events, in order, to a slow consumer', async () => {
      const { store } = ctx();
      const stream = uniqueStream('sub');
      const before = await store.headPosition();
      const history = someEvents(25, 'Past');
      await store.appendToStream(stream, history, { expectedRevision: 'no_stream' });
      const live = someEvents(25, 'Live');
      let writing: Promise<unknown> | undefined;

      const received = await consume(
        store.subscribeToAll({ fromPosition: before }),
        new Set([stream]),
        (r) => r.length === 50,
        (r) => {
          // Live appends start while the consumer is still working through history.
          if (r.length === 10)
            writing = (async () => {
              for (let i = 0; i < live.length; i += 5)
                await store.appendToStream(stream, live.slice(i, i + 5));
            })();
        },
      );
      await writing;
      expect(received.map((e) => e.id)).toEqual([...history, ...live].map((e) => e.id));
      expect(received.map((e) => e.revision)).toEqual(Array.from({ length: 50 }, (_, i) => BigInt(i)));
    }, 20_000);

    it('starts after the checkpoint it is given', async () => {
      const { store } = ctx();
      const stream = uniqueStream('sub-from');
      const events = someEvents(5);
      const positions = await appendOneByOne(store, stream, events);
      const received = await consume(
        store.subscribeToAll({ fromPosition: positions[1]! }),
        new Set([stream]),
        (r) => r.length === 3,
      );
      expect(received.map((e) => e.id)).toEqual(events.slice(2).map((e) => e.id));
    }, 20_000);

    it('a checkpoint past the end delivers only what comes after it, from history or live', async () => {
      const { store } = ctx();
      const stream = uniqueStream('sub-past-end');
      const checkpoint = (await store.headPosition()) + 3n;
      const liveSub = store.subscribeToAll({ fromPosition: checkpoint });
      const events = [anEvent(), anEvent(), anEvent(), anEvent(), anEvent()];
      const lastId = events[4]!.id;
      const consuming = consume(liveSub, new Set([stream]), (r) => r[r.length - 1]!.id === lastId);
      const positions = await appendOneByOne(store, stream, events);
      const expected = events.filter((_, i) => positions[i]! > checkpoint).map((e) => e.id);

      expect((await consuming).map((e) => e.id)).toEqual(expected);
      const fromHistory = await consume(
        store.subscribeToAll({ fromPosition: checkpoint }),
        new Set([stream]),
        (r) => r[r.length - 1]!.id === lastId,
      );
      expect(fromHistory.map((e) => e.id)).toEqual(expected);
    }, 20_000);

    it('unsubscribe ends the iteration, also a next() already waiting', async () => {
      const { store } = ctx();
      const sub = store.subscribeToAll({ fromPosition: (await store.headPosition()) + 1_000_000_000_000n });
      const iterator = sub[Symbol.asyncIterator]();
      const waiting = iterator.next();
      await macrotask();
      await sub.unsubscribe();
      expect(await waiting).toEqual({ done: true, value: undefined });
      expect((await iterator.next()).done).toBe(true);
    }, 20_000);
  });
};
