import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { seedCountedLog } from '../testing/counted-log';
import { spawnTs } from '../testing/spawn-ts';
import { dumpToyReadModels, eventLogProjection, streamCountsProjection } from '../testing/toy-projections';
import type { RecordedEvent } from '../port/event-store.port';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { discardInterruptedRebuild, markerOf, RebuildInProgressError } from './unjournaled-rebuild';

const EVENTS = 1000;

const toys = (onApply?: Parameters<typeof eventLogProjection>[0]): Projection[] => [
  eventLogProjection(onApply),
  streamCountsProjection(),
];

function openWal(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  return db;
}

/**
 * A bulk catch-up into an empty file writes it without journal or syncs, under a marker file that is durable
 * before the first write and removed only once the database is synced; an interrupted one is discarded on
 * open and rebuilt from the log.
 */
describe('a rebuild into an empty read-model file (unjournaled, under a marker)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let fresh: ReturnType<typeof dumpToyReadModels>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'subsidy-unjournaled-'));
    store = await seedCountedLog(path.join(dir, 'events.sqlite'), EVENTS);
    const memory = new Database(':memory:');
    await new ProjectionRunner({ store, db: memory, projections: toys() }).catchUp();
    fresh = dumpToyReadModels(memory);
    memory.close();
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes without the WAL while the marker stands, then syncs, removes it and returns to WAL', async () => {
    const file = path.join(dir, 'plain.sqlite');
    const db = openWal(file);
    const seen = new Set<string>();
    const runner = new ProjectionRunner({
      store,
      db,
      projections: toys((d) =>
        seen.add(`${String(d.pragma('journal_mode', { simple: true }))} ${existsSync(markerOf(file))}`),
      ),
      batchSize: 50,
      bulkCatchUp: 1,
      bulkBatchesPerCommit: 3, // commits mid-way, each starting a sync in the background
    });
    expect(await runner.catchUp()).toBe(BigInt(EVENTS));
    expect([...seen]).toEqual(['memory true']);
    expect(existsSync(markerOf(file))).toBe(false);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(dumpToyReadModels(db)).toEqual(fresh);
    // Another connection can use it again.
    const other = new Database(file);
    expect(other.prepare('SELECT count(*) FROM applied').pluck().get()).toBe(EVENTS);
    other.close();
    db.close();
  });

  it('keeps the WAL when another connection has the file open, or when the read models are not empty', async () => {
    const file = path.join(dir, 'shared.sqlite');
    const db = openWal(file);
    const other = openWal(file);
    other.exec('CREATE TABLE IF NOT EXISTS unrelated (x)');
    other.prepare('SELECT count(*) FROM unrelated').get(); // holds the file open, as the app's checkpointer would
    const modes = new Set<unknown>();
    const watch = (): Projection[] =>
      toys().map((p) => ({
        ...p,
        apply: (d: Database.Database, e: RecordedEvent) => {
          modes.add(d.pragma('journal_mode', { simple: true }));
          p.apply(d, e);
        },
      }));
    await new ProjectionRunner({ store, db, projections: watch(), batchSize: 50, bulkCatchUp: 1 }).catchUp();
    expect([...modes]).toEqual(['wal']);
    expect(existsSync(markerOf(file))).toBe(false);
    expect(dumpToyReadModels(db)).toEqual(fresh);
    other.close();

    // Alone now, but not every projection is at 0: rebuilding one of them keeps the WAL.
    const runner = new ProjectionRunner({ store, db, projections: watch(), batchSize: 50, bulkCatchUp: 1 });
    modes.clear();
    await runner.rebuild(['stream-counts']);
    expect([...modes]).toEqual(['wal']);
    expect(existsSync(markerOf(file))).toBe(false);
    expect(dumpToyReadModels(db)).toEqual(fresh);
    db.close();
  });

  it('holds the lock for its whole run, across background syncs: a live rebuild is never taken for a dead one', async () => {
    const file = path.join(dir, 'synced.sqlite');
    const holder = spawnTs('libs/event-store/src/testing/fixtures/hold-unjournaled-rebuild.ts', [file]);
    try {
      await holder.line((l) => l === 'begun');
      for (const n of [1, 2]) {
        // Each sync is over (its descriptor's work done) before the probe: a descriptor closed after a sync
        // dropped the process's lock on the file, and the probe deleted the live rebuild's database.
        holder.send('sync');
        await holder.line((l) => l === `synced ${n}`);
        expect(() => discardInterruptedRebuild(file)).toThrow(RebuildInProgressError);
        expect(existsSync(file)).toBe(true);
        expect(existsSync(markerOf(file))).toBe(true);
      }
      holder.send('finish');
      await holder.line((l) => l === 'finished');
      expect(discardInterruptedRebuild(file)).toBe(false);
      const other = new Database(file);
      expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(other.prepare('SELECT n FROM row ORDER BY n').pluck().all()).toEqual([1, 2]);
      other.close();
    } finally {
      holder.child.kill('SIGKILL');
      await holder.exited;
    }
  });

  it('killed mid-rebuild: refused while it runs, then discarded on open and rebuilt equal to a fresh replay', async () => {
    const file = path.join(dir, 'killed.sqlite');
    const worker = spawnTs('libs/event-store/src/testing/fixtures/project-until-blocked.ts', [
      path.join(dir, 'events.sqlite'),
      file,
      '10',
      '455', // commits every 3 batches: 450 committed, 451–454 applied and not
      '3',
    ]);
    expect(await worker.line((l) => l.startsWith('blocked'))).toBe('blocked 455');
    expect(existsSync(markerOf(file))).toBe(true);
    expect(() => discardInterruptedRebuild(file)).toThrow(RebuildInProgressError); // alive: hands off
    expect(existsSync(file)).toBe(true);

    worker.child.kill('SIGKILL');
    expect((await worker.exited).signal).toBe('SIGKILL');
    expect(discardInterruptedRebuild(file)).toBe(true);
    for (const f of [file, `${file}-wal`, `${file}-shm`, markerOf(file)]) expect(existsSync(f)).toBe(false);
    expect(discardInterruptedRebuild(file)).toBe(false); // nothing left to discard

    const db = openWal(file);
    const runner = new ProjectionRunner({ store, db, projections: toys(), batchSize: 10, bulkCatchUp: 1 });
    expect(await runner.catchUp()).toBe(BigInt(EVENTS));
    expect(dumpToyReadModels(db)).toEqual(fresh);
    db.close();
  }, 30_000);
});
