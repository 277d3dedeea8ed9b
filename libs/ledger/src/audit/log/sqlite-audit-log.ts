import Database from 'better-sqlite3';
import type { JsonObject, JsonValue } from '@subsidy/event-store/port/json';
import type { AuditLog, LogEntry } from './audit-log';

type Row = [
  position: bigint,
  id: string,
  streamId: string,
  revision: bigint,
  type: string,
  data: string,
  metadata: string,
  recordedAt: bigint,
];

const COLUMNS = 'position, id, stream_id, revision, type, data, metadata, recorded_at';

/**
 * The embedded log read straight from its file (`events` table), read-only, not through the adapter: the
 * audit must see the bytes as stored — a row whose JSON no longer parses is a fault to name, not an error to
 * throw — and nothing between the file and the verifier may "fix" anything. One statement cursor streams the
 * rows in position order, so memory stays flat however long the log.
 */
export class SqliteAuditLog implements AuditLog {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.db.pragma('busy_timeout = 5000');
  }

  async *entries(afterPosition = 0n): AsyncIterable<LogEntry> {
    yield* this.rows(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position`, afterPosition);
  }

  async *stream(streamId: string): AsyncIterable<LogEntry> {
    yield* this.rows(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? ORDER BY revision`, streamId);
  }

  close(): void {
    this.db.close();
  }

  private *rows(sql: string, param: bigint | string): Iterable<LogEntry> {
    const rows = this.db.prepare(sql).raw(true).safeIntegers(true).iterate(param) as IterableIterator<Row>;
    for (const row of rows) yield toEntry(row);
  }
}

function toEntry([position, id, streamId, revision, type, data, metadata, recordedAt]: Row): LogEntry {
  let parsedData: JsonValue;
  let parsedMetadata: JsonObject;
  try {
    parsedData = JSON.parse(data) as JsonValue;
  } catch (e) {
    return unreadable('data', e);
  }
  try {
    parsedMetadata = JSON.parse(metadata) as JsonObject;
  } catch (e) {
    return unreadable('metadata', e);
  }
  return {
    kind: 'event',
    event: {
      position,
      id,
      streamId,
      revision,
      type,
      data: parsedData,
      metadata: parsedMetadata,
      recordedAt: new Date(Number(recordedAt)),
    },
  };

  function unreadable(column: string, e: unknown): LogEntry {
    const reason = `stored ${column} is not JSON any more (${e instanceof Error ? e.message : String(e)})`;
    return { kind: 'unreadable', ref: { position, streamId, revision, type }, reason };
  }
}
