import type Database from 'better-sqlite3';

const SCHEMA_VERSION = 1;

/**
 * Durability first (this is money): WAL so readers never block the writer, `synchronous = FULL` so a
 * committed append survives power loss, and a busy timeout so the API and the CLI can share the file.
 */
export function configure(db: Database.Database): void {
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`event log schema ${version} is newer than this program understands (${SCHEMA_VERSION})`);
  }
  if (version === SCHEMA_VERSION) return;
  // AUTOINCREMENT: positions are never reused, and a commit's rows are all above every earlier commit's,
  // so a reader that has seen position p has seen everything below it.
  db.transaction(() => {
    db.exec(`
      CREATE TABLE IF NOT EXISTS events (
        position    INTEGER PRIMARY KEY AUTOINCREMENT,
        id          TEXT    NOT NULL UNIQUE,
        stream_id   TEXT    NOT NULL,
        revision    INTEGER NOT NULL,
        type        TEXT    NOT NULL,
        data        TEXT    NOT NULL,
        metadata    TEXT    NOT NULL,
        recorded_at INTEGER NOT NULL,
        UNIQUE (stream_id, revision)
      );
      PRAGMA user_version = ${SCHEMA_VERSION};
    `);
  }).immediate();
}
