import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../port/event-store.port';
import type { JsonObject, JsonValue } from '../port/json';
import type { SerializedEvent } from '../port/append-limit';

type Db = Database.Database;
/** position, id, stream_id, revision, type, data, metadata, recorded_at — read as bigints (safeIntegers). */
type EventRow = [bigint, string, string, bigint, string, string, string, bigint];

/** Rows of the largest multi-row INSERT (7 parameters each, far below SQLite's 32,766). */
const MAX_ROWS_PER_INSERT = 64;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Characters of JSON per page of `$all` at most (about 2 MB as UTF-16; a page holds at least one event). */
export const PAGE_CHARS = 1024 * 1024;

const COLUMNS = 'position, id, stream_id, revision, type, data, metadata, recorded_at';

/** A multi-row INSERT failed (`cause`): the rows of events[from, to) were not inserted. */
export class InsertRefused {
  constructor(
    readonly cause: unknown,
    readonly from: number,
    readonly to: number,
  ) {}
}

/** Every statement the adapter runs, prepared once per connection. */
export class Statements {
  readonly streamHead;
  readonly streamExists;
  readonly streamRange;
  readonly eventById;
  readonly headPosition;
  readonly dataVersion;
  /** INSERTs of 1, 2, 4, … MAX_ROWS_PER_INSERT rows, prepared when first needed. */
  private readonly inserts = new Map<number, Database.Statement<unknown[]>>();
  private readonly db: Db;
  private readonly streamForwards;
  private readonly streamBackwards;
  private readonly allForwards;
  private readonly allBackwards;

  constructor(db: Db) {
    this.db = db;
    this.streamHead = db
      .prepare<[string], bigint>(
        'SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      )
      .pluck()
      .safeIntegers(true);
    this.streamExists = db
      .prepare<[string], number>('SELECT 1 FROM events WHERE stream_id = ? LIMIT 1')
      .pluck();
    this.streamRange = db
      .prepare<[string, bigint, bigint], { id: string; position: bigint }>(
        'SELECT id, position FROM events WHERE stream_id = ? AND revision > ? AND revision <= ? ORDER BY revision',
      )
      .safeIntegers(true);
    this.eventById = db
      .prepare<[string], { stream_id: string; revision: bigint }>(
        'SELECT stream_id, revision FROM events WHERE id = ?',
      )
      .safeIntegers(true);
    this.headPosition = db
      .prepare<[], bigint>('SELECT position FROM events ORDER BY position DESC LIMIT 1')
      .pluck()
      .safeIntegers(true);
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    const rows = <P extends unknown[]>(sql: string) =>
      db.prepare<P, EventRow>(`SELECT ${COLUMNS} FROM events ${sql}`).raw(true).safeIntegers(true);
    this.streamForwards = rows<[string, bigint, number]>(
      'WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
    );
    this.streamBackwards = rows<[string, bigint, number]>(
      'WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
    );
    this.allForwards = rows<[bigint, number]>('WHERE position > ? ORDER BY position LIMIT ?');
    this.allBackwards = rows<[bigint, number]>('WHERE position < ? ORDER BY position DESC LIMIT ?');
  }

  /**
   * Inserts events as rows (revisions from `revision` on) with as few statements as the row count's binary
   * digits (64 rows a statement at most): one native call per chunk instead of one per row. Returns the
   * position of the last row. A failing statement throws InsertRefused: its rows are not inserted, the earlier
   * statements' rows are (the caller's savepoint undoes them).
   */
  insertEvents(
    streamId: string,
    events: readonly SerializedEvent[],
    revision: bigint,
    recordedAt: number,
  ): bigint {
    let position = 0n;
    // Bound as a double when exact (as recorded_at is): the column's INTEGER affinity stores the same integer,
    // and a number binds faster than a bigint.
    let rev: number | bigint = revision <= MAX_SAFE ? Number(revision) : revision;
    for (let i = 0; i < events.length;) {
      const left = events.length - i;
      const n = left >= MAX_ROWS_PER_INSERT ? MAX_ROWS_PER_INSERT : 2 ** Math.floor(Math.log2(left));
      const params: unknown[] = new Array(n * 7);
      for (let j = 0, p = 0; j < n; j++) {
        const e = events[i + j]!;
        params[p++] = e.id;
        params[p++] = streamId;
        params[p++] = rev;
        rev = typeof rev === 'number' && rev < Number.MAX_SAFE_INTEGER ? rev + 1 : BigInt(rev) + 1n;
        params[p++] = e.type;
        params[p++] = e.data;
        params[p++] = e.metadata;
        params[p++] = recordedAt;
      }
      try {
        position = this.insertStatement(n).run(params).lastInsertRowid as bigint;
      } catch (cause) {
        throw new InsertRefused(cause, i, i + n);
      }
      i += n;
    }
    return position;
  }

  private insertStatement(rows: number): Database.Statement<unknown[]> {
    let stmt = this.inserts.get(rows);
    if (stmt === undefined) {
      const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ');
      stmt = this.db
        .prepare<unknown[]>(
          `INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at) VALUES ${values}`,
        )
        .safeIntegers(true);
      this.inserts.set(rows, stmt);
    }
    return stmt;
  }

  readStream(streamId: string, from: bigint, limit: number, backwards: boolean): RecordedEvent[] {
    const stmt = backwards ? this.streamBackwards : this.streamForwards;
    return (stmt.all(streamId, from, limit) as unknown as EventRow[]).map(toRecordedEvent);
  }

  /**
   * Forwards: position > from. Backwards: position < from. At most `limit` events, and the page ends after
   * the event that takes its events' data and metadata to `maxChars` characters (at least one event): a page
   * of a thousand draft chunks (up to 256 KiB each in older logs) would otherwise hold a quarter of a gigabyte of JSON and its objects.
   */
  readAll(from: bigint, limit: number, backwards: boolean, maxChars: number = PAGE_CHARS): RecordedEvent[] {
    const stmt = backwards ? this.allBackwards : this.allForwards;
    const page: RecordedEvent[] = [];
    let chars = 0;
    for (const row of stmt.iterate(from, limit) as IterableIterator<EventRow>) {
      page.push(toRecordedEvent(row));
      chars += row[5].length + row[6].length;
      if (chars >= maxChars) break; // leaving the loop resets the statement
    }
    return page;
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    position: row[0],
    id: row[1],
    streamId: row[2],
    revision: row[3],
    type: row[4],
    data: JSON.parse(row[5]) as JsonValue,
    metadata: JSON.parse(row[6]) as JsonObject,
    recordedAt: new Date(Number(row[7])),
  };
}
