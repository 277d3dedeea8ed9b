import { verifyChain } from '@subsidy/event-store';
import { anEvent, readStreamFully, uniqueStream } from '../support/events';
import { race } from '../support/racer';
import { expectFairRace } from '../support/race-assertions';
import type { Section } from './context';

export const recordedTime: Section = (ctx, options) => {
  describe('recordedAt', () => {
    if (options.honoursClock) {
      it('is the time of the store’s clock when the append happened', async () => {
        const { store, clock } = ctx();
        const stream = uniqueStream('clock');
        clock.set('2024-12-31T16:30:00.000Z');
        await store.appendToStream(stream, [anEvent()]);
        clock.advance(90_000);
        await store.appendToStream(stream, [anEvent(), anEvent()]);
        expect((await readStreamFully(store, stream)).map((e) => e.recordedAt.toISOString())).toEqual([
          '2024-12-31T16:30:00.000Z',
          '2024-12-31T16:31:30.000Z',
          '2024-12-31T16:31:30.000Z',
        ]);
      });
    } else {
      it('is the server’s time of the append', async () => {
        const { store } = ctx();
        const stream = uniqueStream('clock');
        const before = Date.now();
        await store.appendToStream(stream, [anEvent()]);
        const after = Date.now();
        const [e] = await readStreamFully(store, stream);
        // Allow for the server's clock differing a little from ours.
        expect(e!.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 5_000);
        expect(e!.recordedAt.getTime()).toBeLessThanOrEqual(after + 5_000);
      });
    }
  });
};

export const concurrency: Section = (ctx, options) => {
  describe('concurrent writers', () => {
    it('20 writers racing on one stream with exact revisions: one wins each revision, the rest get the typed error', async () => {
      const { store } = ctx();
      const stream = uniqueStream('race');
      const writers = 20;
      const each = 3;
      const attempts = (
        await Promise.all(Array.from({ length: writers }, (_, w) => race(store, stream, `writer-${w}`, each)))
      ).flat();
      const events = await readStreamFully(store, stream);
      expectFairRace(events, attempts, writers * each);
      expect(attempts.some((a) => !a.won)).toBe(true); // they really did collide
      if (options.chained) expect(await verifyChain(events)).toEqual([]);
    }, 30_000);
  });
};
