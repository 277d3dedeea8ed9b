import { AppendTooLargeError, StreamNotFoundError } from '@subsidy/event-store';
import { anEvent, iterationRejectionOf, readStreamFully, rejectionOf, uniqueStream } from '../support/events';
import type { Section } from './context';

const MiB = 1_048_576;

export const limits: Section = (ctx) => {
  describe('the 1 MiB append limit (EventStoreDB’s)', () => {
    it('counts UTF-8 bytes of data and metadata, refuses a larger append and writes none of it', async () => {
      const { store } = ctx();
      const stream = uniqueStream('too-large');
      // 349,526 × "€" is 1,048,578 UTF-8 bytes but only 349,526 UTF-16 code units.
      const events = [anEvent({ note: 'small' }), anEvent({ text: '€'.repeat(349_526) })];
      const err = await rejectionOf(
        store.appendToStream(stream, events, { expectedRevision: 'no_stream' }),
        AppendTooLargeError,
      );
      expect(err.streamId).toBe(stream);
      expect(err.maxBytes).toBe(MiB);
      expect(err.bytes).toBeGreaterThan(MiB);
      await iterationRejectionOf(store.readStream(stream), StreamNotFoundError);
    });

    it('accepts several events that together stay under 1 MiB', async () => {
      const { store } = ctx();
      const stream = uniqueStream('large');
      // 4 × 260,000 bytes of data, and a few hundred of metadata: under the limit with room for hash fields.
      const events = Array.from({ length: 4 }, () => anEvent('a'.repeat(260_000)));
      await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
      const read = await readStreamFully(store, stream);
      expect(read.map((e) => (e.data as string).length)).toEqual([260_000, 260_000, 260_000, 260_000]);
    });
  });
};
