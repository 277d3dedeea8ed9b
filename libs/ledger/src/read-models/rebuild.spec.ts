import Database from 'better-sqlite3';
import { allProjections, applyEvents, dumpReadModels, resetReadModels } from './index';
import { careScenario, payBack } from './testing/care-scenario';
import { projected } from './testing/project';

/** Live: the runner applies each event as it arrives (here, one transaction per event). */
function live(events: ReturnType<typeof careScenario>['ledger']['events']): Database.Database {
  const db = new Database(':memory:');
  resetReadModels(db, allProjections());
  for (const e of events) applyEvents(db, allProjections(), [e]);
  return db;
}

describe('read models are disposable: a rebuild gives the same tables as the live ones', () => {
  const s = careScenario();
  payBack(s);
  const events = s.ledger.events;

  it('rebuilding from the log equals projecting event by event', () => {
    const liveDb = live(events);
    const dump = dumpReadModels(liveDb);
    expect(Object.values(dump).every((rows) => rows.length > 0)).toBe(true); // every table holds something

    resetReadModels(liveDb, allProjections()); // drop everything and replay the whole log
    applyEvents(liveDb, allProjections(), events);
    expect(dumpReadModels(liveDb)).toEqual(dump);
    expect(dumpReadModels(projected(events))).toEqual(dump);
  });

  it('rebuilding one projection alone, while the ones it reads are at the head, gives the same tables', () => {
    const db = projected(events);
    const dump = dumpReadModels(db);
    for (const name of ['entitlements', 'person-events']) {
      const alone = allProjections().filter((p) => p.name === name);
      resetReadModels(db, alone);
      applyEvents(db, alone, events);
      expect(dumpReadModels(db)).toEqual(dump);
    }
  });

  it('a dump differs as soon as one fact differs', () => {
    const changed = careScenario();
    changed.ledger.changeTownship(changed.care[0].personId, '南溪镇');
    payBack(changed);
    expect(dumpReadModels(projected(changed.ledger.events))).not.toEqual(dumpReadModels(projected(events)));
  });

  it('ignores events it has no table for', () => {
    const db = projected(events);
    const dump = dumpReadModels(db);
    const seal = {
      ...events[events.length - 1],
      id: 'seal',
      type: 'LedgerSealed',
      streamId: 'audit-seals',
      position: BigInt(events.length + 1),
      data: { upToPosition: String(events.length), root: 'r', streamCount: 1, eventCount: events.length },
    };
    applyEvents(db, allProjections(), [seal]);
    expect(dumpReadModels(db)).toEqual(dump);
  });
});
