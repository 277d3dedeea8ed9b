import type Database from 'better-sqlite3';
import type { ReadModelProjection } from './projection';

/** Every read-model table's rows, tables by name and rows in full column order: equal dumps, equal answers. */
export type ReadModelDump = Record<string, Array<Record<string, unknown>>>;

/**
 * A deterministic dump of the tables the projections own, for `verify` (live read models against a fresh
 * replay) and the rebuild-equals-live tests. Rows are ordered by every column, so storage order is irrelevant.
 */
export function dumpReadModels(
  db: Database.Database,
  projections: readonly ReadModelProjection[],
): ReadModelDump {
  const dump: ReadModelDump = {};
  for (const table of projections.flatMap((p) => p.tables).sort()) {
    const columns = db
      .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?) ORDER BY cid')
      .all(table)
      .map((c) => `"${c.name}"`);
    if (columns.length === 0) throw new Error(`read-model table ${table} does not exist`);
    dump[table] = db
      .prepare(`SELECT ${columns.join(', ')} FROM "${table}" ORDER BY ${columns.join(', ')}`)
      .all() as Array<Record<string, unknown>>;
  }
  return dump;
}
