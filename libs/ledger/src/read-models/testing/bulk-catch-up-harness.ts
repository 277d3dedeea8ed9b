/**
 * What the specs of bulk catch-ups share: the live tables to compare with (the log applied one event at a
 * time), a projection that crashes a catch-up where told, and per test a fresh in-memory log and read-model
 * database with the runners made on them stopped afterwards.
 */
import Database from 'better-sqlite3';
import {
  ProjectionRunner,
  SqliteEventStore,
  type Projection,
  type RecordedEvent,
} from '@subsidy/event-store';
import { allProjections, applyEvents, dumpReadModels, resetReadModels } from '../index';

/** The read models as the log applied one event at a time (live following) leaves them. */
export function liveDump(events: readonly RecordedEvent[]): ReturnType<typeof dumpReadModels> {
  const db = new Database(':memory:');
  resetReadModels(db, allProjections());
  for (const e of events) applyEvents(db, allProjections(), [e]);
  const dump = dumpReadModels(db);
  db.close();
  return dump;
}

/** A projection that throws `crash at N` applying the event at `position`, or at the end of a catch-up. */
export function tripwire(at: { position?: bigint; caughtUp?: boolean } = {}): Projection {
  return {
    name: 'tripwire',
    version: 1,
    setup: () => undefined,
    drop: () => undefined,
    apply: (_db, e) => {
      if (e.position === at.position) throw new Error(`crash at ${e.position}`);
    },
    caughtUp: () => {
      if (at.caughtUp === true) throw new Error('crash before the end of the catch-up');
    },
  };
}

type RunnerOptions = Omit<ConstructorParameters<typeof ProjectionRunner>[0], 'store' | 'db'>;

export interface BulkCatchUpHarness {
  /** This test's log and read models (fresh before each test). */
  readonly store: SqliteEventStore;
  readonly db: Database.Database;
  /** A runner on them, logging nothing, stopped after the test. */
  runner(options: RunnerOptions): ProjectionRunner;
}

const quiet = { log: () => undefined, error: () => undefined };

/** Call inside a `describe`: registers the hooks that make and close each test's log and read models. */
export function bulkCatchUpHarness(): BulkCatchUpHarness {
  let store: SqliteEventStore | undefined;
  let db: Database.Database | undefined;
  let runners: ProjectionRunner[] = [];
  beforeEach(() => {
    store = new SqliteEventStore({ file: ':memory:', pollIntervalMs: 5 });
    db = new Database(':memory:');
    runners = [];
  });
  afterEach(async () => {
    for (const r of runners) await r.stop();
    await store?.close();
    db?.close();
  });
  return {
    get store() {
      return store!;
    },
    get db() {
      return db!;
    },
    runner(options) {
      const r = new ProjectionRunner({ store: store!, db: db!, logger: quiet, ...options });
      runners.push(r);
      return r;
    },
  };
}
