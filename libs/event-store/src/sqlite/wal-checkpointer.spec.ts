import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from './sqlite-event-store';
import { WalCheckpointer } from './wal-checkpointer';
import { uuidv7 } from '../envelope/event-ids';
import type { EventData } from '../port/event-store.port';

const event = (n: number): EventData => ({
  id: uuidv7(),
  type: 'Noted',
  data: { n, text: 'x'.repeat(1000) },
  metadata: {},
});

describe('WAL checkpoints in the background (WalCheckpointer)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'subsidy-checkpoint-'));
    file = path.join(dir, 'events.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies committed appends into the database file off the appending thread, so the WAL stays small', async () => {
    const store = new SqliteEventStore({ file, checkpointEveryBytes: 64 * 1024 });
    let revision = -1n;
    for (let i = 0; i < 30; i++) {
      const batch = Array.from({ length: 100 }, (_, j) => event(i * 100 + j));
      await store.appendToStream('s', batch, { expectedRevision: revision < 0n ? 'no_stream' : revision });
      revision += 100n;
      await store.checkpointed();
    }
    // ~3 MB appended; SQLite alone would checkpoint only past its fallback limit (tens of MB of WAL).
    expect(statSync(`${file}-wal`).size).toBeLessThan(1024 * 1024);
    // The database file alone (no WAL beside it) holds what was checkpointed: every append but the last few.
    const copy = path.join(dir, 'copy.sqlite');
    copyFileSync(file, copy);
    const raw = new Database(copy, { readonly: true });
    const rows = raw.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
    raw.close();
    expect(rows).toBeGreaterThanOrEqual(2500);
    await store.close();
    // Nothing lost or doubled: the log reads back whole and in order.
    const again = new SqliteEventStore({ file });
    const ns: number[] = [];
    for await (const e of again.readStream('s')) ns.push((e.data as { n: number }).n);
    await again.close();
    expect(ns).toEqual(Array.from({ length: 3000 }, (_, i) => i));
  });

  it('starts its thread when the store is subscribed to (a serving process), never for a catch-up alone', async () => {
    const store = new SqliteEventStore({ file });
    await store.appendToStream('s', [event(0)]);
    const thread = () => (store as unknown as { checkpointer: { worker?: unknown } }).checkpointer.worker;
    for await (const e of store.readAll({ readAhead: true })) expect(e.streamId).toBe('s');
    // A rebuild reads the whole log and appends nothing: no thread (its memory would count in the rebuild's).
    expect(thread()).toBeUndefined();
    const sub = store.subscribeToAll();
    // A server starts it before its first appends, which would otherwise share a core with its start.
    expect(thread()).toBeDefined();
    await sub.unsubscribe();
    await store.close();
  });

  it('is ready in the background once subscribed to: its thread runs and the WAL is copied (backgroundReady)', async () => {
    const store = new SqliteEventStore({ file });
    await store.appendToStream('s', [event(0), event(1)]); // far below a checkpoint request's worth of bytes
    const thread = () => (store as unknown as { checkpointer: { worker?: unknown } }).checkpointer.worker;
    await store.backgroundReady(); // nothing started, nothing to wait for
    expect(thread()).toBeUndefined();
    const sub = store.subscribeToAll();
    await store.backgroundReady();
    // The database file alone holds both events: the thread ran a checkpoint before it resolved.
    const copy = path.join(dir, 'copy.sqlite');
    copyFileSync(file, copy);
    const raw = new Database(copy, { readonly: true });
    expect(raw.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(2);
    raw.close();
    await sub.unsubscribe();
    await store.close();
  });

  it('keeps each commit durable on its own: the WAL is synced at every commit (synchronous FULL)', async () => {
    const store = new SqliteEventStore({ file });
    await store.appendToStream('s', [event(0)]);
    const db = (store as unknown as { db: Database.Database }).db;
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBeGreaterThan(0);
    await store.close();
  });

  it('lets a program whose last step is awaiting close() go on after it (the stopping worker keeps it alive)', () => {
    const root = path.resolve(__dirname, '../../../..');
    const out = execFileSync(
      process.execPath,
      [path.join(root, 'scripts/run-ts.js'), path.join(__dirname, 'testing/close-then-print.ts'), file],
      { cwd: root, encoding: 'utf8' },
    );
    expect(out).toBe('closed\n');
  });
});

describe('WAL checkpoints on a timer (a database whose writer does not report its writes)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'subsidy-checkpoint-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies what another connection committed into the database file, without that connection checkpointing', async () => {
    const file = path.join(dir, 'readmodels.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0'); // this connection never checkpoints by itself
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, text TEXT)');
    const insert = db.prepare('INSERT INTO t (n, text) VALUES (?, ?)');
    db.transaction(() => {
      for (let n = 0; n < 1000; n++) insert.run(n, 'x'.repeat(100));
    })();
    const checkpointer = new WalCheckpointer(file);
    const copied = checkpointer.nextTimedCheckpoint();
    checkpointer.every(5);
    await copied;
    await checkpointer.stop();
    const copy = path.join(dir, 'copy.sqlite');
    copyFileSync(file, copy); // the database file alone, without its WAL
    const raw = new Database(copy, { readonly: true });
    expect(raw.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(1000);
    raw.close();
    db.close();
  });

  it('checkpoints at once when asked (checkpointNow), starting its thread, and resolves when it is done', async () => {
    const file = path.join(dir, 'readmodels.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    db.transaction(() => {
      for (let n = 0; n < 500; n++) insert.run(n);
    })();
    const checkpointer = new WalCheckpointer(file);
    expect(checkpointer.started).toBe(false);
    checkpointer.every(60_000); // its timer would not tick during this test
    await checkpointer.checkpointNow();
    expect(checkpointer.started).toBe(true);
    const copy = path.join(dir, 'copy.sqlite');
    copyFileSync(file, copy);
    const raw = new Database(copy, { readonly: true });
    expect(raw.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(500);
    raw.close();
    await checkpointer.stop();
    expect(checkpointer.started).toBe(false);
    await checkpointer.checkpointNow(); // stopped: nothing to do, resolves at once
    db.close();
  });
});
