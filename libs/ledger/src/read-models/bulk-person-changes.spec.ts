/**
 * A bulk catch-up holds the rows of person changes (re-assessments, bank account and township changes) in
 * append-only tables and writes them where they belong at its end (person-events.projection.ts). Whatever way
 * the log reaches the read models — one bulk catch-up, one that dies mid-way and is resumed by one that is not
 * a bulk one, rows left held by another process while this one follows the log — the tables equal projecting
 * the log event by event, and nothing stays held.
 */
import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@subsidy/event-store';
import { allProjections, dumpReadModels } from './index';
import { appendEach } from './testing/append-each';
import { bulkCatchUpHarness, liveDump, tripwire } from './testing/bulk-catch-up-harness';
import { careScenario, payBack } from './testing/care-scenario';

const HELD_TABLES = ['person_event_held'];

/**
 * The care scenario with people changed several times each, kinds interleaved and between other events, split
 * at `cut`: some changes before it, more after (`events[cut]` is the first event after the cut, a change).
 */
function scenario(): { events: readonly RecordedEvent[]; cut: number } {
  const s = careScenario();
  const [a, b, c] = s.care.slice(10, 13).map((p) => p.personId) as [string, string, string];
  s.ledger.changeBankAccount(a, '6217000011110001');
  s.ledger.changeTownship(a, '沙河乡');
  s.ledger.reassess(b, 'physical', 3, 'annual re-assessment');
  s.ledger.changeBankAccount(a, '6217000011110002');
  s.ledger.changeTownship(c, '南溪镇');
  const cut = s.ledger.events.length;
  s.ledger.changeBankAccount(c, '6217000033330001');
  s.ledger.reassess(b, 'physical', 2, 'annual re-assessment');
  s.ledger.changeTownship(a, '梅山镇');
  payBack(s);
  s.ledger.reassess(a, 'mental', 1, 'annual re-assessment');
  s.ledger.changeBankAccount(a, '6217000011110003');
  s.ledger.changeTownship(c, '青山镇');
  return { events: s.ledger.events, cut };
}

/** What projecting the log event by event gives (one transaction per event, as live). */

/** A projection that fails on one event: a crash at that point, as committed. */

/** The crashes below are expected: not logged. */
const held = (db: Database.Database) =>
  HELD_TABLES.reduce((n, t) => n + (db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number), 0);

describe('person changes held to the end of a bulk catch-up', () => {
  const { events, cut } = scenario();
  const live = liveDump(events);
  const h = bulkCatchUpHarness();

  /** A bulk catch-up that dies at the first change after the cut, in a later batch than the changes before it. */
  const bulkCatchUpDyingAfterTheCut = async (batchSize: number) => {
    const crash = BigInt(cut + 1);
    const dying = h.runner({
      projections: [...allProjections(), tripwire({ position: crash })],
      bulkCatchUp: 1,
      batchSize,
      bulkBatchesPerCommit: 1,
    });
    await expect(dying.catchUp()).rejects.toThrow(`crash at ${crash}`);
  };


  it.each([1, 3, 1000])('a bulk catch-up in batches of %i gives the live tables', async (batchSize) => {
    await appendEach(h.store, events);
    await h.runner({ projections: allProjections(), bulkCatchUp: 1, batchSize }).catchUp();
    expect(held(h.db)).toBe(0);
    expect(dumpReadModels(h.db)).toEqual(live);
  });

  it('a person-events rebuild alone in bulk gives the live tables', async () => {
    await appendEach(h.store, events);
    const r = h.runner({ projections: allProjections(), bulkCatchUp: 1, batchSize: 4 });
    await r.catchUp();
    await r.rebuild(['person-events']);
    expect(held(h.db)).toBe(0);
    expect(dumpReadModels(h.db)).toEqual(live);
  });

  it.each([2, 1000])(
    'a bulk catch-up (batches of %i) that dies mid-way leaves what it committed held; the next catch-up, not a bulk one, completes it and live following goes on',
    async (batchSize) => {
      await appendEach(h.store, events.slice(0, cut + 1));
      await bulkCatchUpDyingAfterTheCut(batchSize);
      // Batches of 2 commit the changes before the cut, held; one batch of all of it commits nothing.
      expect(held(h.db) > 0).toBe(batchSize === 2);

      const restarted = h.runner({ projections: [...allProjections(), tripwire()] });
      await restarted.start();
      expect(held(h.db)).toBe(0);
      expect(dumpReadModels(h.db)).toEqual(liveDump(events.slice(0, cut + 1)));

      const head = await appendEach(h.store, events.slice(cut + 1));
      expect(await restarted.waitForPosition(head, 10_000)).toBe(true);
      expect(held(h.db)).toBe(0);
      expect(dumpReadModels(h.db)).toEqual(live);
    },
  );

  it('rows left held by another process (a CLI bulk catch-up that died) are written by the next batch this runner applies while following the log', async () => {
    await appendEach(h.store, events.slice(0, cut));
    const following = h.runner({ projections: allProjections() });
    await following.start();
    expect(dumpReadModels(h.db)).toEqual(liveDump(events.slice(0, cut)));
    // What the other process committed before dying: the changes' rows held, not yet written.
    h.db.exec(`INSERT INTO person_event_held (position, person_id, type)
             SELECT position, person_id, type FROM person_event;
             DELETE FROM person_event;`);
    expect(held(h.db)).toBeGreaterThan(0);

    const head = await appendEach(h.store, events.slice(cut));
    expect(await following.waitForPosition(head, 10_000)).toBe(true);
    expect(held(h.db)).toBe(0);
    expect(dumpReadModels(h.db)).toEqual(live);
  });
});
