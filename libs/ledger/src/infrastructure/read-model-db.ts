import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { discardInterruptedRebuild } from '@subsidy/event-store';

/**
 * The local, disposable read-model database (`readmodels.sqlite` beside the log). Losing it loses nothing:
 * the projection runner rebuilds it from the log. NORMAL sync is enough for that reason.
 *
 * A fresh rebuild writes it without journal or syncs (unjournaled-rebuild.ts, in the event store) under a
 * marker file; if that rebuild was interrupted (a crash, a kill, a power loss), the file may be torn in ways
 * SQLite cannot see, so it is deleted here and the runner rebuilds it from the log. Safe because the file
 * holds nothing but projections of the log (its users live in `users.sqlite`). If another process is still
 * rebuilding it, this throws rather than wait minutes or read half-built tables.
 */
export function openReadModelDb(dataDir: string | ':memory:'): Database.Database {
  const file = dataDir === ':memory:' ? ':memory:' : path.join(dataDir, 'readmodels.sqlite');
  if (dataDir !== ':memory:') {
    fs.mkdirSync(dataDir, { recursive: true });
    discardInterruptedRebuild(path.resolve(file));
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  // Checkpoint every ~40 MB of WAL rather than SQLite's 4 MB: a catch-up of a large log commits thousands of
  // pages per batch, and copying them back to the file after nearly every commit cost a rebuild a sixth of
  // its time. While the app serves, a worker checkpoints far more often (LedgerLifecycle), off its thread.
  db.pragma('wal_autocheckpoint = 10000');
  return db;
}
