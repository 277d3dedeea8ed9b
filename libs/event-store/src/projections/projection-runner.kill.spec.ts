import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { seedCountedLog } from '../testing/counted-log';
import { spawnTs } from '../testing/spawn-ts';
import { dumpToyReadModels, eventLogProjection, streamCountsProjection } from '../testing/toy-projections';
import { ProjectionRunner } from './projection-runner';

const EVENTS = 1000;
const BATCH = 100;
const BLOCK_AT = 250n; // in the third batch: two committed, the third half-applied when killed

/**
 * Crash safety: a projection process is SIGKILLed in the middle of a batch (its transaction open, half the
 * batch applied). Restarted, the runner must resume at the last committed checkpoint, so the read models end
 * as if every event had been applied exactly once: no skipped event, no repeated one.
 */
describe('ProjectionRunner — killed mid-batch and restarted', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'subsidy-kill-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resumes from the last committed batch and applies every event exactly once', async () => {
    const storeFile = path.join(dir, 'events.sqlite');
    const readModels = path.join(dir, 'read-models.sqlite');
    const store = await seedCountedLog(storeFile, EVENTS);

    const worker = spawnTs('libs/event-store/src/testing/fixtures/project-until-blocked.ts', [
      storeFile,
      readModels,
      String(BATCH),
      String(BLOCK_AT),
    ]);
    expect(await worker.line((l) => l.startsWith('blocked'))).toBe(`blocked ${BLOCK_AT}`);
    worker.child.kill('SIGKILL');
    expect((await worker.exited).signal).toBe('SIGKILL');

    const db = new Database(readModels);
    const checkpoint = () =>
      db
        .prepare('SELECT position FROM projection_checkpoints ORDER BY name')
        .pluck()
        .safeIntegers(true)
        .all();
    // Two whole batches committed; the half-applied third left no trace.
    expect(checkpoint()).toEqual([200n, 200n]);
    expect(db.prepare('SELECT count(*) FROM applied').pluck().get()).toBe(200);

    const restarted = new ProjectionRunner({
      store,
      db,
      projections: [eventLogProjection(), streamCountsProjection()],
      batchSize: BATCH,
    });
    expect(await restarted.catchUp()).toBe(BigInt(EVENTS));
    expect(checkpoint()).toEqual([1000n, 1000n]);

    const resumed = dumpToyReadModels(db);
    expect(resumed['applied']!.map((r) => (r as { position: bigint }).position)).toEqual(
      Array.from({ length: EVENTS }, (_, i) => BigInt(i + 1)),
    );
    const fresh = new Database(':memory:');
    await new ProjectionRunner({
      store,
      db: fresh,
      projections: [eventLogProjection(), streamCountsProjection()],
    }).catchUp();
    expect(resumed).toEqual(dumpToyReadModels(fresh));

    fresh.close();
    db.close();
    await store.close();
  }, 30_000);
});
