/**
 * The projections under the real projection runner and embedded store: the runner applies a batch projection
 * by projection (not event by event), in batches of any size, live from a subscription, and rebuilds single
 * projections; every way gives the same tables as a plain replay of the log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ProjectionRunner, SqliteEventStore, type RecordedEvent } from '@subsidy/event-store';
import {
  allProjections,
  applyEvents,
  dumpReadModels,
  resetReadModels,
  type ReadModelProjection,
} from './index';
import { appendEach } from './testing/append-each';
import { careScenario, payBack } from './testing/care-scenario';

async function replayOf(store: SqliteEventStore): Promise<ReturnType<typeof dumpReadModels>> {
  const events: RecordedEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  const db = new Database(':memory:');
  resetReadModels(db, allProjections());
  applyEvents(db, allProjections(), events);
  return dumpReadModels(db);
}

describe('read models under the projection runner', () => {
  const scenario = careScenario();
  const before = scenario.ledger.events.length;
  payBack(scenario);
  const first = scenario.ledger.events.slice(0, before);
  const later = scenario.ledger.events.slice(before);
  let store: SqliteEventStore;
  let db: Database.Database;
  let runner: ProjectionRunner;

  beforeEach(async () => {
    store = new SqliteEventStore({ file: ':memory:', pollIntervalMs: 5 });
    await appendEach(store, first);
    db = new Database(':memory:');
  });

  afterEach(async () => {
    await runner.stop();
    await store.close();
    db.close();
  });

  it.each([1, 7, 1000])('catching up in batches of %i gives the replay’s tables', async (batchSize) => {
    runner = new ProjectionRunner({ store, db, projections: allProjections(), batchSize });
    await runner.catchUp();
    expect(dumpReadModels(db)).toEqual(await replayOf(store));
  });

  it('a bulk catch-up from a file (the log read ahead on another thread) gives the replay’s tables', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'subsidy-runner-'));
    const fileStore = new SqliteEventStore({ file: path.join(dir, 'events.sqlite') });
    try {
      await appendEach(fileStore, scenario.ledger.events);
      runner = new ProjectionRunner({ store: fileStore, db, projections: allProjections(), bulkCatchUp: 1 });
      await runner.catchUp();
      expect(dumpReadModels(db)).toEqual(await replayOf(fileStore));
    } finally {
      await fileStore.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('following the log live gives the replay’s tables, and so does rebuilding one projection', async () => {
    runner = new ProjectionRunner({ store, db, projections: allProjections(), batchSize: 50 });
    await runner.start();
    const head = await appendEach(store, later);
    expect(await runner.waitForPosition(head, 10_000)).toBe(true);
    const replayed = await replayOf(store);
    expect(dumpReadModels(db)).toEqual(replayed);

    await runner.rebuild(['entitlements']);
    expect(await runner.waitForPosition(head, 10_000)).toBe(true);
    expect(dumpReadModels(db)).toEqual(replayed);
  });
});

describe('read models after a failed batch', () => {
  it('a catch-up that failed mid-batch and is run again gives the replay’s tables', async () => {
    const scenario = careScenario();
    payBack(scenario);
    const store = new SqliteEventStore({ file: ':memory:', pollIntervalMs: 5 });
    const db = new Database(':memory:');
    try {
      await appendEach(store, scenario.ledger.events);
      // Fails once, on the 40th enrollment: entitlements and beneficiaries then hold rows back, unwritten.
      let enrollments = 0;
      let tripped = false;
      const tripwire: ReadModelProjection = {
        name: 'tripwire',
        version: 1,
        tables: [],
        dependsOn: [],
        setup: () => undefined,
        drop: () => undefined,
        apply: (_db, e) => {
          if (e.type === 'BeneficiaryEnrolled' && ++enrollments === 40 && !tripped) {
            tripped = true;
            throw new Error('disk full');
          }
        },
      };
      const projections = [...allProjections(), tripwire];
      const quiet = { log: () => undefined, error: () => undefined };
      const failing = new ProjectionRunner({ store, db, projections, batchSize: 1000, logger: quiet });
      await expect(failing.catchUp()).rejects.toThrow('disk full');
      // Again, in batches that end before the rows held back by the failed attempt.
      const again = new ProjectionRunner({ store, db, projections, batchSize: 7 });
      await again.catchUp();
      expect(dumpReadModels(db)).toEqual(await replayOf(store));
    } finally {
      await store.close();
      db.close();
    }
  });
});
