import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ProjectionRunner, SqliteEventStore, type RecordedEvent } from '@subsidy/event-store';
import { allProjections, applyEvents, dumpReadModels, resetReadModels } from '../read-models';
import { appendEach } from '../read-models/testing/append-each';
import { careScenario, payBack } from '../read-models/testing/care-scenario';
import { openReadModelDb } from './read-model-db';

describe('openReadModelDb', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'subsidy-readmodels-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const file = () => path.join(dir, 'readmodels.sqlite');

  it('discards read models whose unjournaled rebuild was interrupted (its marker left behind), and opens them empty', () => {
    const before = openReadModelDb(dir);
    before.exec('CREATE TABLE half_built (x)');
    before.close();
    writeFileSync(`${file()}.rebuilding`, '12345\n'); // the rebuilding process is gone

    const db = openReadModelDb(dir);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_built'").pluck().get()).toBe(0);
    expect(existsSync(`${file()}.rebuilding`)).toBe(false);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('a rebuild of every read model into it from empty gives the replay’s tables, and leaves it in WAL mode, unmarked', async () => {
    const scenario = careScenario();
    payBack(scenario);
    const store = new SqliteEventStore({ file: path.join(dir, 'events.sqlite') });
    await appendEach(store, scenario.ledger.events);
    const replayed: RecordedEvent[] = [];
    for await (const e of store.readAll()) replayed.push(e);
    const memory = new Database(':memory:');
    resetReadModels(memory, allProjections());
    applyEvents(memory, allProjections(), replayed);

    const db = openReadModelDb(dir);
    const journalModes = new Set<unknown>();
    const projections = allProjections().map((p) => ({
      ...p,
      apply: (d: Database.Database, e: RecordedEvent) => {
        journalModes.add(d.pragma('journal_mode', { simple: true }));
        p.apply(d, e);
      },
    }));
    await new ProjectionRunner({
      store,
      db,
      projections,
      batchSize: 3,
      bulkCatchUp: 1,
      bulkBatchesPerCommit: 2,
    }).catchUp();
    expect([...journalModes]).toEqual(['memory']);
    expect(dumpReadModels(db)).toEqual(dumpReadModels(memory));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(existsSync(`${file()}.rebuilding`)).toBe(false);
    db.close();
    memory.close();
    await store.close();
  });
});
