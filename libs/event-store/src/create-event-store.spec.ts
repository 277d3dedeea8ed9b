import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEventStore, databaseFileOf } from './create-event-store';
import { HashChainedEventStore } from './chain/hash-chained-event-store';
import { GENESIS_HASH } from './chain/event-hash';

describe('createEventStore', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'subsidy-create-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens a hash-chained embedded store at <dataDir>/events.sqlite, creating the folder, on the given clock', async () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const store = createEventStore({
      kind: 'sqlite',
      dataDir,
      clock: () => new Date('2025-03-01T00:00:00Z'),
    });
    expect(store).toBeInstanceOf(HashChainedEventStore);
    expect(store.kind).toBe('sqlite');
    expect(databaseFileOf(store)).toBe(path.join(dataDir, 'events.sqlite'));

    await store.appendToStream('s', [
      { id: '0190d5e4-0000-7000-8000-00000000000a', type: 'T', data: {}, metadata: {} },
    ]);
    const read = [];
    for await (const e of store.readStream('s')) read.push(e);
    expect(read.map((e) => [e.metadata['prevHash'], e.recordedAt.toISOString()])).toEqual([
      [GENESIS_HASH, '2025-03-01T00:00:00.000Z'],
    ]);
    await store.close();
  });

  it('needs a connection string for EventStoreDB', () => {
    expect(() => createEventStore({ kind: 'eventstoredb' })).toThrow(/connection string/);
  });
});
