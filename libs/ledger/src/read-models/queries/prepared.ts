import type Database from 'better-sqlite3';

type Db = Database.Database;

const byDb = new WeakMap<Db, Map<string, Database.Statement>>();

/** A statement prepared once per database and SQL text (queries build their SQL from the filters given). */
export function prepared<P extends unknown[] | object, R>(db: Db, sql: string): Database.Statement<P, R> {
  let statements = byDb.get(db);
  if (statements === undefined) {
    statements = new Map();
    byDb.set(db, statements);
  }
  let s = statements.get(sql);
  if (s === undefined) {
    s = db.prepare(sql);
    statements.set(sql, s);
  }
  return s as unknown as Database.Statement<P, R>;
}
