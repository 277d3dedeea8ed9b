import { WrongExpectedRevisionError } from '@subsidy/event-store';
import { anEvent, readStreamFully, rejectionOf, someEvents, uniqueStream } from '../support/events';
import type { Section } from './context';

export const appendsAndExpectedRevisions: Section = (ctx) => {
  describe('appends and expected revisions', () => {
    it('no_stream creates a stream; its events read back in order with bigint revisions and positions', async () => {
      const { store } = ctx();
      const stream = uniqueStream('order');
      const events = [
        anEvent({ amount: '12000.00' }, 'Opened'),
        anEvent({ nested: { a: [1, 'b', null, true] } }, 'Moved'),
      ];
      const result = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(1n);
      expect(typeof result.position).toBe('bigint');

      const read = await readStreamFully(store, stream);
      expect(read.map((e) => [e.id, e.type, e.streamId, e.revision])).toEqual([
        [events[0]!.id, 'Opened', stream, 0n],
        [events[1]!.id, 'Moved', stream, 1n],
      ]);
      expect(read.map((e) => e.data)).toEqual([
        { amount: '12000.00' },
        { nested: { a: [1, 'b', null, true] } },
      ]);
      expect(read[0]!.metadata).toMatchObject(events[0]!.metadata);
      expect(read[0]!.position).toBeLessThan(read[1]!.position);
      expect(read[1]!.position).toBe(result.position);
      expect(read[0]!.recordedAt).toBeInstanceOf(Date);
    });

    it('no_stream on an existing stream is refused with the actual revision', async () => {
      const { store } = ctx();
      const stream = uniqueStream('exists');
      await store.appendToStream(stream, someEvents(2), { expectedRevision: 'no_stream' });
      const err = await rejectionOf(
        store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' }),
        WrongExpectedRevisionError,
      );
      expect(err.streamId).toBe(stream);
      expect(err.expectedRevision).toBe('no_stream');
      expect(err.actualRevision).toBe(1n);
    });

    it('an exact revision appends only when the stream is exactly there', async () => {
      const { store } = ctx();
      const stream = uniqueStream('exact');
      await store.appendToStream(stream, someEvents(2), { expectedRevision: 'no_stream' });
      const ok = await store.appendToStream(stream, [anEvent()], { expectedRevision: 1n });
      expect(ok.nextExpectedRevision).toBe(2n);

      const stale = await rejectionOf(
        store.appendToStream(stream, [anEvent()], { expectedRevision: 1n }),
        WrongExpectedRevisionError,
      );
      expect([stale.streamId, stale.expectedRevision, stale.actualRevision]).toEqual([stream, 1n, 2n]);

      const ahead = await rejectionOf(
        store.appendToStream(stream, [anEvent()], { expectedRevision: 5n }),
        WrongExpectedRevisionError,
      );
      expect([ahead.expectedRevision, ahead.actualRevision]).toEqual([5n, 2n]);

      const missing = uniqueStream('missing');
      const none = await rejectionOf(
        store.appendToStream(missing, [anEvent()], { expectedRevision: 0n }),
        WrongExpectedRevisionError,
      );
      expect([none.streamId, none.expectedRevision, none.actualRevision]).toEqual([missing, 0n, 'no_stream']);
      expect(await readStreamFully(store, stream)).toHaveLength(3);
    });

    it('stream_exists needs the stream; any takes whatever is there (and is the default)', async () => {
      const { store } = ctx();
      const stream = uniqueStream('exists-any');
      const err = await rejectionOf(
        store.appendToStream(stream, [anEvent()], { expectedRevision: 'stream_exists' }),
        WrongExpectedRevisionError,
      );
      expect([err.streamId, err.expectedRevision, err.actualRevision]).toEqual([
        stream,
        'stream_exists',
        'no_stream',
      ]);

      expect(
        (await store.appendToStream(stream, [anEvent()], { expectedRevision: 'any' })).nextExpectedRevision,
      ).toBe(0n);
      const exists = await store.appendToStream(stream, someEvents(2), { expectedRevision: 'stream_exists' });
      expect(exists.nextExpectedRevision).toBe(2n);
      expect((await store.appendToStream(stream, [anEvent()])).nextExpectedRevision).toBe(3n);
      expect((await readStreamFully(store, stream)).map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n]);
    });

    it('a refused append writes none of its events', async () => {
      const { store } = ctx();
      const stream = uniqueStream('atomic');
      await store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' });
      const refused = someEvents(3);
      await rejectionOf(
        store.appendToStream(stream, refused, { expectedRevision: 7n }),
        WrongExpectedRevisionError,
      );
      const ids = (await readStreamFully(store, stream)).map((e) => e.id);
      expect(ids).toHaveLength(1);
      expect(ids.some((id) => refused.some((r) => r.id === id))).toBe(false);
    });
  });

  describe('idempotent re-send', () => {
    it('the same ids at the same exact revision succeed again, answering the first result, written once', async () => {
      const { store } = ctx();
      const stream = uniqueStream('resend');
      await store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' });
      const batch = someEvents(3);
      const first = await store.appendToStream(stream, batch, { expectedRevision: 0n });
      const again = await store.appendToStream(stream, batch, { expectedRevision: 0n });
      expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
      expect(again.position).toBe(first.position);
      expect((await readStreamFully(store, stream)).map((e) => e.id)).toEqual([
        expect.any(String),
        ...batch.map((e) => e.id),
      ]);
    });

    it('a re-sent no_stream creation succeeds even after the stream moved on', async () => {
      const { store } = ctx();
      const stream = uniqueStream('resend-created');
      const created = someEvents(2);
      const first = await store.appendToStream(stream, created, { expectedRevision: 'no_stream' });
      await store.appendToStream(stream, [anEvent()], { expectedRevision: 1n });
      const again = await store.appendToStream(stream, created, { expectedRevision: 'no_stream' });
      expect([again.nextExpectedRevision, again.position]).toEqual([1n, first.position]);
      expect(await readStreamFully(store, stream)).toHaveLength(3);
    });

    it('ids that only partly match what is there are a conflict, not a re-send', async () => {
      const { store } = ctx();
      const stream = uniqueStream('resend-partial');
      const created = someEvents(2);
      await store.appendToStream(stream, created, { expectedRevision: 'no_stream' });
      const err = await rejectionOf(
        store.appendToStream(stream, [created[0]!, anEvent()], { expectedRevision: 'no_stream' }),
        WrongExpectedRevisionError,
      );
      expect(err.actualRevision).toBe(1n);
      expect(await readStreamFully(store, stream)).toHaveLength(2);
    });
  });
};
