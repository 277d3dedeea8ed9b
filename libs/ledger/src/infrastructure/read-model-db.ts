import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The local, disposable read-model database (`readmodels.sqlite` beside the log). Losing it loses nothing:
 * the projection runner rebuilds it from the log. NORMAL sync is enough for that reason.
 */
export function openReadModelDb(dataDir: string | ':memory:'): Database.Database {
  const file = dataDir === ':memory:' ? ':memory:' : path.join(dataDir, 'readmodels.sqlite');
  if (dataDir !== ':memory:') fs.mkdirSync(dataDir, { recursive: true });
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
