/**
 * The store's own cost over SQLite's: `append.ts DIR`. The ledger's event store (SQLite adapter under the
 * hash-chain decorator, as createEventStore builds it: WAL, synchronous FULL) appends batches of 1,000
 * enrollment events, each batch one call and so one durable transaction, to a fresh stream; right after each,
 * the very rows it stored are inserted with plain better-sqlite3 (one prepared INSERT, one transaction, same
 * schema and pragmas) into a second file. Batches alternate, so both see the same disk; the figure is the
 * store's events/s over the raw events/s.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createEventStore, SqliteEventStore, uuidv7, type EventData } from '@subsidy/event-store';
import { schemaVersionOf } from '@subsidy/domain/events/schema-versions';
import { benchPerson } from '../support/people';
import { emitFigure, progress, round } from '../support/figures';
import { runScenario } from '../support/scenario';

const dir = process.argv[2]!;
const BATCHES = 60;
const SIZE = 1000;

function batch(k: number): EventData[] {
  const recordedAt = new Date().toISOString();
  return Array.from({ length: SIZE }, (_, i) => {
    const p = benchPerson(k * SIZE + i);
    const command = uuidv7();
    return {
      id: uuidv7(),
      type: 'BeneficiaryEnrolled',
      data: { enrollmentId: command, programCode: 'assistive-devices', year: 2024, personId: p.idNumber, certificateNumber: p.certificateNumber, tier: 'standard', entitled: '1200.00' },
      metadata: { schemaVersion: schemaVersionOf('BeneficiaryEnrolled'), actor: 'clerk-li', correlationId: command, causationId: command, recordedAt },
    };
  });
}

async function main(): Promise<void> {
  fs.mkdirSync(path.join(dir, 'store'), { recursive: true });
  const store = createEventStore({ kind: 'sqlite', dataDir: path.join(dir, 'store') });
  const rawFile = path.join(dir, 'raw.sqlite');
  await new SqliteEventStore({ file: rawFile }).close(); // the same schema and pragmas
  const raw = new Database(rawFile);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  const insert = raw.prepare('INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const rawTx = raw.transaction((rows: unknown[][]) => {
    for (const r of rows) insert.run(...r);
  });
  const reader = new Database(path.join(dir, 'store', 'events.sqlite'), { readonly: true });
  const stored = reader.prepare('SELECT id, stream_id, revision, type, data, metadata, recorded_at FROM events WHERE stream_id = ? ORDER BY revision').raw(true);
  let storeMs = 0;
  let rawMs = 0;
  for (let k = -3; k < BATCHES; k++) {
    const events = batch(k + 3);
    const stream = `bench-${k + 3}`;
    let t = performance.now();
    await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
    const s = performance.now() - t;
    const rows = stored.all(stream) as unknown[][];
    t = performance.now();
    rawTx.immediate(rows);
    const r = performance.now() - t;
    if (k >= 0) {
      storeMs += s;
      rawMs += r;
    }
  }
  reader.close();
  raw.close();
  await store.close();
  const storeRate = (BATCHES * SIZE * 1000) / storeMs;
  const rawRate = (BATCHES * SIZE * 1000) / rawMs;
  progress(`  store ${Math.round(storeRate)} events/s, raw ${Math.round(rawRate)} events/s`);
  emitFigure({
    name: 'append-vs-raw',
    value: round(storeRate / rawRate, 2),
    unit: 'ratio',
    conditions: `${BATCHES} batches of ${SIZE} BeneficiaryEnrolled events (after 3 warm-up batches), each one appendToStream on the hash-chained SQLite store (${Math.round(storeRate)} events/s, ${round(storeMs / BATCHES, 1)} ms a batch) vs one transaction of raw prepared INSERTs of the same stored rows (${Math.round(rawRate)} events/s, ${round(rawMs / BATCHES, 1)} ms a batch); WAL, synchronous FULL both`,
  });
}

runScenario(main);
