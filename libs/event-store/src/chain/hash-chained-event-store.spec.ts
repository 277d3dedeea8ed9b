import Database from 'better-sqlite3';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EventData, EventStore, ReadStreamOptions, RecordedEvent } from '../port/event-store.port';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { uuidv7 } from '../envelope/event-ids';
import { HashChainedEventStore } from './hash-chained-event-store';
import { verifyChain } from './chain-verifier';
import { GENESIS_HASH, expectedHash } from './event-hash';

const event = (data: EventData['data'], recordedAt = '2025-01-15T02:00:00.000Z'): EventData => ({
  id: uuidv7(),
  type: 'Paid',
  data,
  metadata: { actor: 'li', recordedAt },
});

async function readAll(store: EventStore, streamId: string): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const e of store.readStream(streamId)) out.push(e);
  return out;
}

/** The adapter, counting the stream reads the decorator makes. */
class CountingStore extends SqliteEventStore {
  reads = 0;
  override readStream(streamId: string, options?: ReadStreamOptions): AsyncGenerator<RecordedEvent> {
    this.reads++;
    return super.readStream(streamId, options);
  }
}

describe('HashChainedEventStore', () => {
  let dir: string;
  let file: string;
  let inner: CountingStore;
  let store: HashChainedEventStore;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'subsidy-chain-'));
    file = path.join(dir, 'events.sqlite');
    inner = new CountingStore({ file });
    store = new HashChainedEventStore(inner);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('links each event to the one before it, whatever the expected revision', async () => {
    await store.appendToStream('s', [event({ n: 0 }), event({ n: 1 })], { expectedRevision: 'no_stream' });
    await store.appendToStream('s', [event({ n: 2 })], { expectedRevision: 1n });
    await store.appendToStream('s', [event({ n: 3 })]);
    await store.appendToStream('s', [event({ n: 4 })], { expectedRevision: 'stream_exists' });
    const events = await readAll(store, 's');

    expect(events[0]!.metadata['prevHash']).toBe(GENESIS_HASH);
    events.forEach((e, i) => {
      const prev = i === 0 ? GENESIS_HASH : (events[i - 1]!.metadata['hash'] as string);
      expect(e.metadata['prevHash']).toBe(prev);
      expect(e.metadata['hash']).toBe(expectedHash(e, prev));
    });
    expect(await verifyChain(events)).toEqual([]);
  });

  it('sets prevHash and hash itself, whatever a caller put there', async () => {
    const forged = {
      ...event({ n: 0 }),
      metadata: { actor: 'x', hash: 'a'.repeat(64), prevHash: 'b'.repeat(64) },
    };
    await store.appendToStream('s', [forged]);
    const [stored] = await readAll(store, 's');
    expect(stored!.metadata['prevHash']).toBe(GENESIS_HASH);
    expect(stored!.metadata['hash']).toBe(expectedHash(stored!, GENESIS_HASH));
  });

  it('lets the audit find an event edited in the file, and only that one', async () => {
    await store.appendToStream('s', [
      event({ amount: '100.00' }),
      event({ amount: '200.00' }),
      event({ amount: '300.00' }),
    ]);
    const raw = new Database(file);
    raw
      .prepare(`UPDATE events SET data = '{"amount":"2000.00"}' WHERE stream_id = 's' AND revision = 1`)
      .run();
    raw.close();
    const faults = await verifyChain(await readAll(store, 's'));
    expect(faults.map((f) => [f.kind, f.streamId, f.revision])).toEqual([['hash-mismatch', 's', 1n]]);
  });

  it('accepts a re-send at the same revision, and keeps chaining from what is stored, not from the re-sent copy', async () => {
    await store.appendToStream('s', [event({ n: 0 })], { expectedRevision: 'no_stream' });
    const batch = [event({ n: 1 }), event({ n: 2 })];
    const first = await store.appendToStream('s', batch, { expectedRevision: 0n });
    // A retry of the same command a minute later: same ids, but metadata (recordedAt) and so hashes differ.
    const retry = batch.map((e) => ({
      ...e,
      metadata: { ...e.metadata, recordedAt: '2025-01-15T02:01:00.000Z' },
    }));
    const again = await store.appendToStream('s', retry, { expectedRevision: 0n });
    expect([again.nextExpectedRevision, again.position]).toEqual([
      first.nextExpectedRevision,
      first.position,
    ]);

    await store.appendToStream('s', [event({ n: 3 })], { expectedRevision: 2n });
    const events = await readAll(store, 's');
    expect(events.map((e) => e.metadata['recordedAt'])).toEqual([
      '2025-01-15T02:00:00.000Z',
      '2025-01-15T02:00:00.000Z',
      '2025-01-15T02:00:00.000Z',
      '2025-01-15T02:00:00.000Z',
    ]);
    expect(await verifyChain(events)).toEqual([]);
  });

  it('treats an "any" re-send of the stream’s last events as a re-send', async () => {
    await store.appendToStream('s', [event({ n: 0 })]);
    const batch = [event({ n: 1 }), event({ n: 2 })];
    const first = await store.appendToStream('s', batch);
    expect(await store.appendToStream('s', batch)).toMatchObject({
      nextExpectedRevision: 2n,
      position: first.position,
    });
    expect(await readAll(store, 's')).toHaveLength(3);
  });

  it('does not re-read the stream on the hot path: after a write or a read it knows the head hash', async () => {
    let expected: bigint | 'no_stream' = 'no_stream';
    for (let i = 0; i < 5; i++) {
      expected = (await store.appendToStream('hot', [event({ i })], { expectedRevision: expected }))
        .nextExpectedRevision;
    }
    expect(inner.reads).toBe(0);

    // Another node loads the stream (as a repository does), then appends right after what it read.
    const otherInner = new CountingStore({ file });
    const other = new HashChainedEventStore(otherInner);
    const loaded = await readAll(other, 'hot');
    const readsAfterLoading = otherInner.reads;
    await other.appendToStream('hot', [event({ i: 5 })], {
      expectedRevision: loaded[loaded.length - 1]!.revision,
    });
    await other.close();
    expect(otherInner.reads).toBe(readsAfterLoading);
    expect(await verifyChain(await readAll(store, 'hot'))).toEqual([]);
  });

  it('stores each event as written once: data in its own key order, and hashes the audit re-derives from what was read back', async () => {
    const anyMetadata = fc.dictionary(
      fc.string().filter((k) => k !== 'hash' && k !== 'prevHash' && k !== '__proto__'),
      fc.oneof(fc.string({ unit: 'binary' }), fc.integer()),
    );
    const raw = new Database(file, { readonly: true });
    const stored = raw.prepare<[string], { data: string }>(
      'SELECT data FROM events WHERE stream_id = ? ORDER BY revision',
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ data: fc.jsonValue({ stringUnit: 'binary' }), metadata: anyMetadata }), {
          minLength: 1,
          maxLength: 4,
        }),
        async (drafts) => {
          const streamId = `p-${n++}`;
          const events: EventData[] = drafts.map((d) => ({
            id: uuidv7(),
            type: 'T',
            data: d.data as EventData['data'],
            metadata: d.metadata,
          }));
          await store.appendToStream(streamId, events, { expectedRevision: 'no_stream' });
          const readBack = await readAll(store, streamId);
          expect(await verifyChain(readBack)).toEqual([]);
          expect(stored.all(streamId).map((r) => r.data)).toEqual(events.map((e) => JSON.stringify(e.data)));
          expect(readBack.map((e) => e.metadata)).toEqual(
            events.map((e, i) => ({
              ...e.metadata,
              prevHash: readBack[i]!.metadata['prevHash'],
              hash: readBack[i]!.metadata['hash'],
            })),
          );
        },
      ),
      { numRuns: 150 },
    );
    raw.close();
  });
});
