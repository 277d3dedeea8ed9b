import type Database from 'better-sqlite3';
import { FALLBACK_AUTOCHECKPOINT_PAGES } from './wal-checkpointer';

const SCHEMA_VERSION = 1;

/**
 * Durability first (this is money): WAL so readers never block the writer, `synchronous = FULL` so a
 * committed append survives power loss, and a busy timeout so the API and the CLI can share the file.
 * Checkpoints run in the background (WalCheckpointer); a commit checkpoints by itself only past the
 * fallback limit, which keeps the WAL bounded whatever happens to the background one.
 */
export function configure(db: Database.Database): void {
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
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
