import type Database from 'better-sqlite3';
import type { Projection } from '../projections/projection';
import type { RecordedEvent } from '../port/event-store.port';

type Db = Database.Database;

/** Prepares `sql` once per database. */
function statement(sql: string): (db: Db) => Database.Statement {
  const cache = new WeakMap<Db, Database.Statement>();
  return (db) => {
    let s = cache.get(db);
    if (s === undefined) {
      s = db.prepare(sql);
      cache.set(db, s);
    }
    return s;
  };
}

const insertApplied = statement(
  'INSERT INTO applied (position, stream_id, revision, type) VALUES (?, ?, ?, ?)', // no OR IGNORE: a repeat fails
);
const countEvent = statement(
  `INSERT INTO stream_counts (stream_id, events, last_position) VALUES (?, 1, ?)
   ON CONFLICT (stream_id) DO UPDATE SET events = events + 1, last_position = excluded.last_position`,
);

/** One row per event, keyed by position: applying an event twice violates the primary key. */
export function eventLogProjection(
  onApply: (db: Db, event: RecordedEvent) => void = () => undefined,
): Projection {
  return {
    name: 'event-log',
    version: 1,
    setup: (db) =>
      db.exec(`CREATE TABLE IF NOT EXISTS applied (
        position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL)`),
    drop: (db) => db.exec('DROP TABLE IF EXISTS applied'),
    apply: (db, e) => {
      onApply(db, e);
      insertApplied(db).run(e.position, e.streamId, e.revision, e.type);
    },
  };
}

/** Events per stream: a repeat or a skip shows as a wrong count. */
export function streamCountsProjection(version = 1): Projection {
  return {
    name: 'stream-counts',
    version,
    setup: (db) =>
      db.exec(`CREATE TABLE IF NOT EXISTS stream_counts (
        stream_id TEXT PRIMARY KEY, events INTEGER NOT NULL, last_position INTEGER NOT NULL)`),
    drop: (db) => db.exec('DROP TABLE IF EXISTS stream_counts'),
    apply: (db, e) => {
      countEvent(db).run(e.streamId, e.position);
    },
  };
}

/** Every row of the toy projections' tables and the checkpoints, in a stable order, for comparison. */
export function dumpToyReadModels(db: Db): Record<string, unknown[]> {
  const rows = (sql: string) => db.prepare(sql).safeIntegers(true).all();
  return {
    applied: rows('SELECT * FROM applied ORDER BY position'),
    stream_counts: rows('SELECT * FROM stream_counts ORDER BY stream_id'),
  };
}
