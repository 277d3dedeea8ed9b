import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SqliteEventStore, verifyChain, type RecordedEvent } from '@subsidy/event-store';
import { spawnTs } from '@subsidy/event-store/testing/spawn-ts';
import { readStreamFully, uniqueStream } from './support/events';
import { expectFairRace } from './support/race-assertions';
import type { Attempt } from './support/racer';
import { useTempDir } from './support/temp-dir';

const PROCESSES = 5;
const WRITERS_PER_PROCESS = 4;
const EACH = 3;
const TOTAL = PROCESSES * WRITERS_PER_PROCESS * EACH;

/**
 * Real concurrency on one SQLite file, as the API and the CLI would share it: 5 processes × 4 connections =
 * 20 writers race on one stream with exact expected revisions (and 20 more, hash-chained, on another).
 * SQLite's write lock (BEGIN IMMEDIATE) must make each check-and-insert atomic: one winner per revision.
 */
describe('SQLite — 20 writers in 5 processes racing on one file', () => {
  const dir = useTempDir();
  const plainStream = uniqueStream('race-plain');
  const chainedStream = uniqueStream('race-chained');
  const attempts: { plain: Attempt[]; chained: Attempt[] } = { plain: [], chained: [] };
  const events: { plain: RecordedEvent[]; chained: RecordedEvent[] } = { plain: [], chained: [] };

  beforeAll(async () => {
    const file = path.join(dir(), 'race.sqlite');
    await new SqliteEventStore({ file }).close(); // the schema exists before the race starts
    const outs = Array.from({ length: PROCESSES }, (_, i) => path.join(dir(), `attempts-${i}.json`));
    const procs = outs.map((out) =>
      spawnTs('test/contract/fixtures/race-writer.ts', [
        file,
        plainStream,
        chainedStream,
        String(WRITERS_PER_PROCESS),
        String(EACH),
        out,
      ]),
    );
    await Promise.all(procs.map((p) => p.line((l) => l === 'ready')));
    for (const p of procs) p.send('go');
    await Promise.all(procs.map((p) => p.succeeded()));

    for (const out of outs) {
      const found = JSON.parse(readFileSync(out, 'utf8')) as typeof attempts;
      attempts.plain.push(...found.plain);
      attempts.chained.push(...found.chained);
    }
    const store = new SqliteEventStore({ file });
    events.plain = await readStreamFully(store, plainStream);
    events.chained = await readStreamFully(store, chainedStream);
    await store.close();
  }, 60_000);

  it('plain: one winner per revision, the typed error for every other attempt, no gaps or duplicates', () => {
    expectFairRace(events.plain, attempts.plain, TOTAL);
    expect(lossesToAnotherProcess(events.plain, attempts.plain)).toBeGreaterThan(0);
  });

  it('hash-chained: the same, and the chain links from the first event to the last', async () => {
    expectFairRace(events.chained, attempts.chained, TOTAL);
    expect(lossesToAnotherProcess(events.chained, attempts.chained)).toBeGreaterThan(0);
    expect(await verifyChain(events.chained)).toEqual([]);
  });
});

/** Attempts that lost to a writer in another process: the race really crossed process boundaries. */
function lossesToAnotherProcess(events: readonly RecordedEvent[], attempts: readonly Attempt[]): number {
  const processOf = (writer: string) => writer.split('-')[0];
  const winnerAt = new Map(
    attempts.filter((a) => a.won).map((a) => [a.expected, processOf(a.writer)] as const),
  );
  expect(winnerAt.size).toBe(events.length);
  return attempts.filter((a) => !a.won && winnerAt.get(a.expected) !== processOf(a.writer)).length;
}
