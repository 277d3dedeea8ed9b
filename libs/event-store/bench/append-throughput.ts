/**
 * Append throughput of the SQLite adapter against raw better-sqlite3 inserts of the same rows (same file
 * settings: WAL, synchronous FULL; one transaction per 1,000-event batch; JSON serialized in both), and of
 * the hash-chained store on top. Target: adapter ≥ 0.5 × raw.
 * Run: node scripts/run-ts.js libs/event-store/bench/append-throughput.ts [BATCHES=30]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../src/sqlite/sqlite-event-store';
import { configure } from '../src/sqlite/schema';
import { HashChainedEventStore } from '../src/chain/hash-chained-event-store';
import { uuidv7 } from '../src/envelope/event-ids';
import type { EventData, EventStore } from '../src/port/event-store.port';

const BATCH = 1000;
const batches = Number(process.argv[2] ?? 30);
const dir = mkdtempSync(path.join(tmpdir(), 'subsidy-bench-'));

function batchOf(b: number): EventData[] {
  return Array.from({ length: BATCH }, (_, i) => ({
    id: uuidv7(),
    type: 'PaymentBatchLinesDrafted',
    data: {
      line: b * BATCH + i,
      beneficiary: `5101${String(i).padStart(14, '0')}`,
      amount: '1234.56',
      months: ['2025-01', '2025-02'],
    },
    metadata: {
      schemaVersion: 1,
      actor: 'clerk-li',
      correlationId: '0190d5e4-0000-7000-8000-000000000001',
      causationId: '0190d5e4-0000-7000-8000-000000000002',
      recordedAt: '2025-01-15T02:00:00.000Z',
    },
  }));
}

function raw(file: string, data: EventData[][]): number {
  const db = new Database(file, { timeout: 5000 });
  configure(db);
  const insert = db.prepare(
    'INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const start = process.hrtime.bigint();
  data.forEach((events, b) => {
    db.transaction(() => {
      events.forEach((e, i) =>
        insert.run(
          e.id,
          `raw-${b}`,
          i,
          e.type,
          JSON.stringify(e.data),
          JSON.stringify(e.metadata),
          Date.now(),
        ),
      );
    }).immediate();
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  db.close();
  return ms;
}

async function viaStore(store: EventStore, data: EventData[][]): Promise<number> {
  const start = process.hrtime.bigint();
  for (let b = 0; b < data.length; b++) {
    await store.appendToStream(`store-${b}`, data[b]!, { expectedRevision: 'no_stream' });
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  await store.close();
  return ms;
}

async function main(): Promise<void> {
  const rounds = 3;
  const results: { raw: number; adapter: number; chained: number }[] = [];
  for (let r = 0; r < rounds; r++) {
    const fresh = () => Array.from({ length: batches }, (_, b) => batchOf(b));
    const rawMs = raw(path.join(dir, `raw-${r}.sqlite`), fresh());
    const adapterMs = await viaStore(
      new SqliteEventStore({ file: path.join(dir, `adapter-${r}.sqlite`) }),
      fresh(),
    );
    const chainedMs = await viaStore(
      new HashChainedEventStore(new SqliteEventStore({ file: path.join(dir, `chained-${r}.sqlite`) })),
      fresh(),
    );
    results.push({ raw: rawMs, adapter: adapterMs, chained: chainedMs });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const events = batches * BATCH;
  const rate = (ms: number) => Math.round((events / ms) * 1000);
  const rawMs = median(results.map((x) => x.raw));
  const adapterMs = median(results.map((x) => x.adapter));
  const chainedMs = median(results.map((x) => x.chained));
  console.log(`${events} events in batches of ${BATCH}, median of ${rounds} rounds`);
  console.log(`raw better-sqlite3   ${rate(rawMs)} events/s`);
  console.log(`SqliteEventStore     ${rate(adapterMs)} events/s  (${(rawMs / adapterMs).toFixed(2)} × raw)`);
  console.log(`+ hash chain         ${rate(chainedMs)} events/s  (${(rawMs / chainedMs).toFixed(2)} × raw)`);
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
