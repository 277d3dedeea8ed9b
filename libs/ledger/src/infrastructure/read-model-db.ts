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
  return db;
}
