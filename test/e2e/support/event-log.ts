import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import path from 'node:path';

/** What the embedded log file holds, read through a connection of its own (never the app's). */
export interface LogSnapshot {
  count: number;
  lastPosition: number;
  /** sha256 over every column of every row, in position order: any edit, insert or delete changes it. */
  digest: string;
}

export function logSnapshot(dataDir: string): LogSnapshot {
  const db = new Database(path.join(dataDir, 'events.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const hash = createHash('sha256');
    let count = 0;
    let lastPosition = 0;
    for (const row of db.prepare('SELECT * FROM events ORDER BY position').raw().iterate() as Iterable<
      unknown[]
    >) {
      hash.update(JSON.stringify(row)).update('\n');
      count += 1;
      lastPosition = row[0] as number;
    }
    return { count, lastPosition, digest: hash.digest('hex') };
  } finally {
    db.close();
  }
}

/** Type and stream of the events recorded after `position` (names what a refused request wrongly wrote). */
export function eventsAfter(
  dataDir: string,
  position: number,
): Array<{ position: number; streamId: string; type: string }> {
  const db = new Database(path.join(dataDir, 'events.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        'SELECT position, stream_id AS streamId, type FROM events WHERE position > ? ORDER BY position',
      )
      .all(position) as Array<{ position: number; streamId: string; type: string }>;
  } finally {
    db.close();
  }
}
