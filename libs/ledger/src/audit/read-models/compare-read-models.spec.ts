import { allProjections, dumpReadModels } from '../../read-models';
import { careScenario, payBack } from '../../read-models/testing/care-scenario';
import { projected } from '../../read-models/testing/project';
import { compareReadModels } from './compare-read-models';

describe('compareReadModels: live read models against a fresh replay, row by row', () => {
  const s = careScenario();
  payBack(s);
  const events = s.ledger.events;

  it('finds equal read models equal, having compared every row of every table', () => {
    const result = compareReadModels(projected(events), projected(events), allProjections());
    const dump = dumpReadModels(projected(events));
    expect(result).toEqual({
      tables: Object.keys(dump).length,
      rows: Object.values(dump).reduce((n, rows) => n + rows.length, 0),
    });
  });

  it('names the table and row of the first difference', () => {
    const live = projected(events);
    live
      .prepare("UPDATE beneficiary SET township = '别处' WHERE seq = (SELECT MIN(seq) FROM beneficiary)")
      .run();
    const { difference } = compareReadModels(live, projected(events), allProjections());
    expect(difference?.table).toBe('beneficiary');
    expect(difference?.message).toMatch(/^row \d+ \(in sorted order\): live \{.*别处.*\} ≠ fresh replay \{/);
  });

  it('catches a live table that holds an event the log no longer has', () => {
    const live = projected(events);
    const { difference } = compareReadModels(live, projected(events.slice(0, -1)), allProjections());
    expect(difference).toBeDefined();
  });

  it('catches a missing table', () => {
    const live = projected(events);
    live.exec('DROP TABLE funding_source');
    expect(compareReadModels(live, projected(events), allProjections()).difference).toEqual({
      table: 'funding_source',
      message: 'missing from the live read models',
    });
  });
});
