/**
 * Rebuilding every read model from a large log: `rebuild.ts setup DIR EVENTS` seeds the log (support/city-log.ts),
 * then `rebuild.ts measure DIR` runs, in a fresh process, the real projection runner with every projection
 * over an empty read-model database, from position 0 to the head.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createEventStore, ProjectionRunner } from '@subsidy/event-store';
import { allProjections } from '@subsidy/ledger/read-models';
import { openReadModelDb } from '@subsidy/ledger/infrastructure/read-model-db';
import { SeedLog } from '../support/seed-log';
import { seedCityLog, type CityLogStats } from '../support/city-log';
import { emitFigure, progress, round } from '../support/figures';
import { RssSampler, toMb } from '../support/rss';
import { runScenario } from '../support/scenario';

const [phase, dir, eventsArg] = process.argv.slice(2);
const statsFile = (d: string) => path.join(d, 'bench-rebuild.json');

async function setup(): Promise<void> {
  fs.mkdirSync(dir!, { recursive: true });
  const log = await SeedLog.open(dir!);
  const stats = seedCityLog(log, Number(eventsArg), progress);
  log.close();
  fs.writeFileSync(statsFile(dir!), JSON.stringify(stats));
  progress(`  seeded ${stats.events} events (${stats.lines} payment lines)`);
}

async function measure(): Promise<void> {
  const stats = JSON.parse(fs.readFileSync(statsFile(dir!), 'utf8')) as CityLogStats;
  const store = createEventStore({ kind: 'sqlite', dataDir: dir! });
  const db = openReadModelDb(dir!);
  const runner = new ProjectionRunner({ store, db, projections: allProjections() });
  const rss = new RssSampler().start();
  const t = performance.now();
  const position = await runner.catchUp();
  const ms = performance.now() - t;
  const peak = rss.stop();
  db.close();
  await store.close();
  const perS = Math.round((stats.events * 1000) / ms);
  const mix = Object.entries(stats.byType)
    .sort((a, b) => b[1] - a[1])
    .map(([type, n]) => `${type} ${n}`)
    .join(', ');
  emitFigure({
    name: 'rebuild',
    value: perS,
    unit: 'events/s',
    conditions: `${stats.events} events to position ${position} in ${round(ms / 1000, 1)} s, 7 projections, batches of up to 2000 events (fewer when they carry many lines), 25 per transaction, into an empty file without WAL or syncs until the end (a marker file makes it crash-safe), query-only indexes built after; ${stats.lines} payment lines; mix: ${mix}; sampled peak RSS ${toMb(peak)} MB`,
  });
}

runScenario(phase === 'setup' ? setup : measure);
