/**
 * Seeds a large log quickly for the scenarios whose setup is not what they measure (the 1,000,000-event
 * rebuild, the 270,660-line approval): realistic events with the ledger's envelope (actor, correlation and
 * causation ids, recordedAt, schema version) and the hash chain exactly as the hash-chain decorator writes
 * it, inserted straight into the embedded store's `events` table in transactions of thousands of rows, across
 * streams (through the port every single-event stream, e.g. each person's registration, would be its own
 * durable transaction). What the scenarios then time runs through the real handlers and projection runner.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { randomFillSync } from 'node:crypto';
import { GENESIS_HASH, hashEvent, SqliteEventStore, SQLITE_FILE_NAME } from '@subsidy/event-store';
import type { JsonObject, JsonValue } from '@subsidy/event-store';
import { schemaVersionOf } from '@subsidy/domain/events/schema-versions';

export interface SeedEvent {
  type: string;
  data: unknown;
}

export class SeedLog {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly heads = new Map<string, { revision: bigint; hash: string }>();
  private rows: unknown[][] = [];
  private readonly ids = new TimeOrderedIds();
  private written = 0;

  /** The adapter creates the schema it expects, so the rows written here are the ones it would have written. */
  static async open(dataDir: string, flushEvery = 20_000): Promise<SeedLog> {
    const file = path.join(dataDir, SQLITE_FILE_NAME);
    await new SqliteEventStore({ file }).close();
    return new SeedLog(file, flushEvery);
  }

  private constructor(
    file: string,
    private readonly flushEvery: number,
  ) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = OFF');
    this.insert = this.db.prepare(
      'INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  /** Events written so far (flushed or not). */
  get count(): number {
    return this.written + this.rows.length;
  }

  /** Appends events to a stream, recorded at `at`, caused by one command of `actor`. */
  append(streamId: string, events: readonly SeedEvent[], actor: string, at: Date): void {
    const commandId = this.ids.next(at.getTime());
    const recordedAt = at.toISOString();
    let head = this.heads.get(streamId);
    for (const e of events) {
      const revision = head === undefined ? 0n : head.revision + 1n;
      const id = this.ids.next(at.getTime());
      const metadata: JsonObject = {
        schemaVersion: schemaVersionOf(e.type),
        actor,
        correlationId: commandId,
        causationId: commandId,
        recordedAt,
        prevHash: head?.hash ?? GENESIS_HASH,
      };
      const data = e.data as JsonValue;
      const hash = hashEvent({ id, streamId, revision, type: e.type, data, metadata });
      metadata['hash'] = hash;
      this.rows.push([id, streamId, revision, e.type, JSON.stringify(data), JSON.stringify(metadata), at.getTime()]);
      head = { revision, hash };
    }
    if (head !== undefined) this.heads.set(streamId, head);
    if (this.rows.length >= this.flushEvery) this.flush();
  }

  flush(): void {
    const rows = this.rows;
    this.rows = [];
    this.db.transaction(() => {
      for (const r of rows) this.insert.run(...r);
    })();
    this.written += rows.length;
  }

  close(): void {
    this.flush();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}

/**
 * UUID v7 (time-ordered, as the ledger's `uuidv7`) with randomness drawn from a pooled buffer: a million ids
 * without a million getrandom calls.
 */
class TimeOrderedIds {
  private pool = Buffer.alloc(16 * 4096);
  private offset = this.pool.length;

  next(ms: number): string {
    if (this.offset === this.pool.length) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    const b = this.pool.subarray(this.offset, this.offset + 16);
    this.offset += 16;
    let t = ms;
    for (let i = 5; i >= 0; i--) {
      b[i] = t % 256;
      t = Math.floor(t / 256);
    }
    b[6] = (b[6]! & 0x0f) | 0x70;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}
