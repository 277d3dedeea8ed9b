/**
 * A bulk catch-up leaves entitlements' paid sums to its end and computes them once from the payment tables
 * (entitlement-paid-sums.ts). Whatever way the log reaches the read models — one bulk catch-up, a bulk one from a
 * checkpoint past some approvals, entitlements rebuilt alone, a catch-up interrupted mid-way or just before its
 * end and resumed by one that is not a bulk one, then live following — the tables equal projecting the log
 * event by event.
 */
import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@subsidy/event-store';
import { allProjections, dumpReadModels } from './index';
import { appendEach } from './testing/append-each';
import { bulkCatchUpHarness, liveDump, tripwire } from './testing/bulk-catch-up-harness';
import { careScenario, payBack } from './testing/care-scenario';

/**
 * Several approvals in two program-years, bank failures and reversals, split at `cut`: before it, both
 * batches approved; after it, a failure and a reversal that take two persons' sums back to zero (their only
 * line), then another approval, and a draft never approved. `events[cut]` is the first event after the cut (a bank return).
 */
function scenario(): { events: readonly RecordedEvent[]; cut: number } {
  const s = careScenario(); // care batch 1: approved, one line failed, one reversed
  const fuel = s.care.filter((p) => p.category === 'physical').slice(0, 3);
  s.ledger.draft(
    'b-2024-fuel-1',
    'fuel-subsidy',
    2024,
    'li',
    fuel.map((p) => ({ personId: p.personId, amount: '300.00' })),
    2,
  );
  s.ledger.approve('b-2024-fuel-1', 'zhao');
  const cut = s.ledger.events.length;
  s.ledger.bankReturn('b-2024-fuel-1', [2, 3], [{ lineNo: 1, reason: '账户冻结 account frozen' }]);
  s.ledger.reverse('b-2024-fuel-1', 2, 'paid twice');
  payBack(s); // care batch 2: approved and paid
  s.ledger.draft('b-2024-fuel-2', 'fuel-subsidy', 2024, 'li', [{ personId: fuel[0]!.personId, amount: '300.00' }]);
  return { events: s.ledger.events, cut };
}

/** What projecting the log event by event gives (one transaction per event, as live). */

/** A projection that fails on one event, or at the end of a catch-up: a crash at that point, as committed. */

/** The crashes below are expected: not logged. */
const pending = (db: Database.Database) =>
  db.prepare('SELECT count(*) FROM entitlement_paid_pending').pluck().get() as number;

describe('entitlements’ paid sums left to the end of a bulk catch-up', () => {
  const { events, cut } = scenario();
  const live = liveDump(events);
  const h = bulkCatchUpHarness();

  /**
   * A bulk catch-up that dies at the bank return after both approvals (`events[cut]`), in a later batch than
   * they are: the approvals' batches are committed, with their sums left.
   */
  const bulkCatchUpDyingAtTheBankReturn = async () => {
    const crash = BigInt(cut + 1);
    const dying = h.runner({
      projections: [...allProjections(), tripwire({ position: crash })],
      bulkCatchUp: 1,
      batchSize: 2,
      bulkBatchesPerCommit: 1,
    });
    await expect(dying.catchUp()).rejects.toThrow(`crash at ${crash}`);
  };


  it('the log pays sums, and after the cut takes some back to zero', () => {
    type Row = { person_id: string; program_code: string; paid_fen: number };
    const paid = (dump: typeof live) =>
      new Map(
        (dump['entitlement_paid'] as Row[]).map((r) => [`${r.program_code} ${r.person_id}`, r.paid_fen]),
      );
    const before = paid(liveDump(events.slice(0, cut)));
    const after = paid(live);
    expect([...after.values()].filter((fen) => fen > 0).length).toBeGreaterThan(80);
    expect([...before].filter(([key, fen]) => fen > 0 && after.get(key) === 0)).toHaveLength(2);
  });

  it('a bulk catch-up gives the live tables', async () => {
    await appendEach(h.store, events);
    await h.runner({ projections: allProjections(), bulkCatchUp: 1, batchSize: 3 }).catchUp();
    expect(dumpReadModels(h.db)).toEqual(live);
    expect(pending(h.db)).toBe(0);
  });

  it('a batch in no person order, one person on two lines, one of them failed: bulk gives the live tables', async () => {
    const s = careScenario();
    const [a, b, c] = s.care.filter((p) => p.category === 'physical').map((p) => p.personId);
    const [first, second, third] = [a!, b!, c!].sort().reverse(); // lines against the table's key order
    s.ledger.draft('b-2024-fuel-1', 'fuel-subsidy', 2024, 'li', [
      { personId: first, amount: '100.00' },
      { personId: second, amount: '300.00' },
      { personId: first, amount: '150.00' },
      { personId: third, amount: '300.00' },
    ]);
    s.ledger.approve('b-2024-fuel-1', 'zhao');
    s.ledger.bankReturn('b-2024-fuel-1', [1, 2, 4], [{ lineNo: 3, reason: '账户冻结 account frozen' }]);
    const expected = liveDump(s.ledger.events);
    const twice = (expected['entitlement_paid'] as Array<Record<string, unknown>>).find(
      (r) => r['program_code'] === 'fuel-subsidy' && r['person_id'] === first,
    );
    expect(twice).toMatchObject({ paid_fen: 10_000, live_lines: 1 });

    await appendEach(h.store, s.ledger.events);
    await h.runner({ projections: allProjections(), bulkCatchUp: 1, batchSize: 3 }).catchUp();
    expect(dumpReadModels(h.db)).toEqual(expected);
  });

  it('a bulk catch-up from a checkpoint past two approvals gives the live tables', async () => {
    await appendEach(h.store, events.slice(0, cut));
    await h.runner({ projections: allProjections() }).catchUp(); // event by event: the sums kept per approval
    expect(dumpReadModels(h.db)).toEqual(liveDump(events.slice(0, cut)));

    await appendEach(h.store, events.slice(cut));
    await h.runner({ projections: allProjections(), bulkCatchUp: 1, batchSize: 2 }).catchUp();
    expect(dumpReadModels(h.db)).toEqual(live);
  });

  it('entitlements rebuilt alone in bulk, the payment tables at the head, give the live tables', async () => {
    await appendEach(h.store, events);
    const r = h.runner({ projections: allProjections(), bulkCatchUp: 1, batchSize: 4 });
    await r.catchUp();
    await r.rebuild(['entitlements']);
    expect(dumpReadModels(h.db)).toEqual(live);
  });

  it('a bulk catch-up that dies mid-way leaves the sums pending; the next catch-up, not a bulk one, completes them and live following goes on from there', async () => {
    await appendEach(h.store, events.slice(0, cut + 1));
    await bulkCatchUpDyingAtTheBankReturn();
    expect(pending(h.db)).toBe(1); // committed with the first approval it left
    expect(dumpReadModels(h.db)['entitlement_paid']).not.toEqual(liveDump(events.slice(0, cut))['entitlement_paid']);

    // The next start is far less than a bulk catch-up behind: the failure and the reversal must not be
    // taken off sums that never had their approvals.
    const restarted = h.runner({ projections: [...allProjections(), tripwire({})] });
    await restarted.start();
    expect(pending(h.db)).toBe(0);
    expect(dumpReadModels(h.db)).toEqual(liveDump(events.slice(0, cut + 1)));

    const head = await appendEach(h.store, events.slice(cut + 1));
    expect(await restarted.waitForPosition(head, 10_000)).toBe(true);
    expect(dumpReadModels(h.db)).toEqual(live);
  });

  it('sums left pending by another process (a CLI bulk catch-up that died) are completed by the next batch this runner applies while following the log', async () => {
    await appendEach(h.store, events.slice(0, cut));
    const following = h.runner({ projections: allProjections() });
    await following.start();
    expect(dumpReadModels(h.db)).toEqual(liveDump(events.slice(0, cut)));
    // What the other process committed before dying: the pending mark, and sums it left undone.
    h.db.exec('INSERT INTO entitlement_paid_pending (pending) VALUES (1)');
    h.db.exec('DELETE FROM entitlement_paid');

    const head = await appendEach(h.store, events.slice(cut));
    expect(await following.waitForPosition(head, 10_000)).toBe(true);
    expect(pending(h.db)).toBe(0);
    expect(dumpReadModels(h.db)).toEqual(live);
  });

  it('a catch-up that finds the sums pending and dies after its last batch, before computing them: the next start computes them with nothing to apply', async () => {
    await appendEach(h.store, events);
    await bulkCatchUpDyingAtTheBankReturn();
    expect(pending(h.db)).toBe(1);

    // Not a bulk one: it commits batch by batch, then fails where it would compute the sums.
    const second = h.runner({ projections: [...allProjections(), tripwire({ caughtUp: true })] });
    await expect(second.catchUp()).rejects.toThrow('crash before the end');
    expect(second.position).toBe(BigInt(events.length));
    expect(pending(h.db)).toBe(1);

    await h.runner({ projections: [...allProjections(), tripwire({})] }).catchUp();
    expect(pending(h.db)).toBe(0);
    expect(dumpReadModels(h.db)).toEqual(live);
  });
});
