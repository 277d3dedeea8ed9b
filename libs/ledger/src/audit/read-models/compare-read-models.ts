import type Database from 'better-sqlite3';
import { isDeepStrictEqual } from 'node:util';
import type { ReadModelProjection } from '../../read-models/projection';

export interface ReadModelComparison {
  tables: number;
  rows: number;
  /** The first difference, in table-name order then row order; none when every table is equal. */
  difference?: { table: string; message: string };
}

/**
 * Compares the projections' tables of two databases as `dumpReadModels` would — every column, rows ordered by
 * every column — but streams the rows of both side by side instead of loading whole tables: a million-event
 * log's read models do not fit twice in memory as JS objects.
 */
export function compareReadModels(
  live: Database.Database,
  fresh: Database.Database,
  projections: readonly ReadModelProjection[],
): ReadModelComparison {
  const tables = projections.flatMap((p) => p.tables).sort();
  let rows = 0;
  for (const table of tables) {
    const columns = columnsOf(fresh, table);
    const liveColumns = columnsOf(live, table);
    if (!isDeepStrictEqual(columns, liveColumns)) {
      const message =
        liveColumns.length === 0
          ? 'missing from the live read models'
          : `columns (${liveColumns.join(', ')}) ≠ a fresh replay's (${columns.join(', ')})`;
      return { tables: tables.length, rows, difference: { table, message } };
    }
    const select = `SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)} ORDER BY ${columns.map(quote).join(', ')}`;
    const a = live.prepare(select).raw().iterate() as IterableIterator<unknown[]>;
    const b = fresh.prepare(select).raw().iterate() as IterableIterator<unknown[]>;
    try {
      for (let n = 1; ; n++) {
        const x = a.next();
        const y = b.next();
        if (x.done && y.done) break;
        if (!x.done && !y.done && isDeepStrictEqual(x.value, y.value)) {
          rows++;
          continue;
        }
        return {
          tables: tables.length,
          rows,
          difference: { table, message: rowDifference(n, columns, x, y) },
        };
      }
    } finally {
      a.return?.();
      b.return?.();
    }
  }
  return { tables: tables.length, rows };
}

function rowDifference(
  n: number,
  columns: string[],
  live: IteratorResult<unknown[]>,
  fresh: IteratorResult<unknown[]>,
): string {
  const show = (r: IteratorResult<unknown[]>) =>
    r.done
      ? 'no row'
      : JSON.stringify(Object.fromEntries(columns.map((c, i) => [c, r.value[i]])), bigintSafe);
  return `row ${n} (in sorted order): live ${show(live)} ≠ fresh replay ${show(fresh)}`;
}

function columnsOf(db: Database.Database, table: string): string[] {
  return db
    .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?) ORDER BY cid')
    .all(table)
    .map((c) => c.name);
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const bigintSafe = (_k: string, v: unknown): unknown => (typeof v === 'bigint' ? v.toString() : v);
