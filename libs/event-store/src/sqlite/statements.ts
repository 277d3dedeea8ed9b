import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../port/event-store.port';
import type { JsonObject, JsonValue } from '../port/json';

type Db = Database.Database;
/** position, id, stream_id, revision, type, data, metadata, recorded_at — read as bigints (safeIntegers). */
type EventRow = [bigint, string, string, bigint, string, string, string, bigint];

const COLUMNS = 'position, id, stream_id, revision, type, data, metadata, recorded_at';

/** Every statement the adapter runs, prepared once per connection. */
export class Statements {
  readonly streamHead;
  readonly streamExists;
  readonly streamRange;
  readonly eventById;
  readonly insert;
  readonly headPosition;
  readonly dataVersion;
  private readonly streamForwards;
  private readonly streamBackwards;
  private readonly allForwards;
  private readonly allBackwards;

  constructor(db: Db) {
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
    this.insert = db
      .prepare<[string, string, bigint, string, string, string, number]>(
        'INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
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

  readStream(streamId: string, from: bigint, limit: number, backwards: boolean): RecordedEvent[] {
    const stmt = backwards ? this.streamBackwards : this.streamForwards;
    return (stmt.all(streamId, from, limit) as unknown as EventRow[]).map(toRecordedEvent);
  }

  /** Forwards: position > from. Backwards: position < from. */
  readAll(from: bigint, limit: number, backwards: boolean): RecordedEvent[] {
    const stmt = backwards ? this.allBackwards : this.allForwards;
    return (stmt.all(from, limit) as unknown as EventRow[]).map(toRecordedEvent);
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
