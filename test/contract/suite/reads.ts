import { StreamNotFoundError, type RecordedEvent } from '@subsidy/event-store';
import { collect, iterationRejectionOf, readStreamFully, someEvents, uniqueStream } from '../support/events';
import type { Section } from './context';

const revisions = (events: readonly RecordedEvent[]) => events.map((e) => e.revision);

export const readingStreams: Section = (ctx) => {
  describe('reading a stream', () => {
    it('reads forwards or backwards, from a revision, at most maxCount', async () => {
      const { store } = ctx();
      const stream = uniqueStream('read');
      await store.appendToStream(stream, someEvents(6), { expectedRevision: 'no_stream' });

      expect(revisions(await collect(store.readStream(stream, { fromRevision: 2n })))).toEqual([
        2n,
        3n,
        4n,
        5n,
      ]);
      expect(revisions(await collect(store.readStream(stream, { fromRevision: 1n, maxCount: 2 })))).toEqual([
        1n,
        2n,
      ]);
      expect(revisions(await collect(store.readStream(stream, { direction: 'backwards' })))).toEqual([
        5n,
        4n,
        3n,
        2n,
        1n,
        0n,
      ]);
      expect(
        revisions(
          await collect(store.readStream(stream, { direction: 'backwards', fromRevision: 3n, maxCount: 2 })),
        ),
      ).toEqual([3n, 2n]);
      expect(
        revisions(await collect(store.readStream(stream, { direction: 'backwards', maxCount: 1 }))),
      ).toEqual([5n]);
      expect(await collect(store.readStream(stream, { fromRevision: 6n }))).toEqual([]);
    });

    it('a stream that does not exist is a StreamNotFoundError, either way', async () => {
      const { store } = ctx();
      const stream = uniqueStream('nowhere');
      const forwards = await iterationRejectionOf(store.readStream(stream), StreamNotFoundError);
      expect(forwards.streamId).toBe(stream);
      await iterationRejectionOf(
        store.readStream(stream, { direction: 'backwards', maxCount: 1 }),
        StreamNotFoundError,
      );
    });

    it('a long stream reads whole across pages, both ways', async () => {
      const { store } = ctx();
      const stream = uniqueStream('long');
      let expected: 'no_stream' | bigint = 'no_stream';
      for (let i = 0; i < 3; i++) {
        expected = (await store.appendToStream(stream, someEvents(900), { expectedRevision: expected }))
          .nextExpectedRevision;
      }
      const all = Array.from({ length: 2700 }, (_, i) => BigInt(i));
      expect(revisions(await readStreamFully(store, stream))).toEqual(all);
      expect(revisions(await collect(store.readStream(stream, { direction: 'backwards' })))).toEqual(
        [...all].reverse(),
      );
      expect(
        revisions(await collect(store.readStream(stream, { fromRevision: 999n, maxCount: 1500 }))),
      ).toEqual(all.slice(999, 2499));
    });
  });
};
