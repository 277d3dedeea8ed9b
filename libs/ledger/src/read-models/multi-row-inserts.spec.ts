/**
 * A rebuild writes its millions of rows many to an INSERT statement. Whatever the count, every row must be
 * stored once, exactly as the event said, and applying an event again must change nothing (the runner may
 * re-apply after a crash: ON CONFLICT DO NOTHING, row by row).
 */
import Database from 'better-sqlite3';
import { allProjections, applyEvents, dumpReadModels, resetReadModels } from './index';
import { BufferedRows, MultiRowInsert, ROWS_PER_INSERT } from './multi-row-insert';
import { LedgerFixture } from './testing/ledger-fixture';
import { projected } from './testing/project';
import { bankFileLines } from './queries/payment-batches.queries';

/** `count` people, each drafted one line with its own amount, in chunks of `chunkSize` lines. */
function draftOf(count: number, chunkSize: number) {
  const ledger = new LedgerFixture();
  ledger.openProgramYear('care-services', 2024, {
    quota: count,
    rates: { home: '2000.00' },
    plan: { upper: '1000000.00', county: '1000000.00' },
  });
  const people = Array.from({ length: count }, (_, i) =>
    ledger.register({
      name: `李${i + 1}`,
      township: '梅山镇',
      birthDate: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
      category: 'physical',
      grade: 1,
    }),
  );
  const amounts = people.map((_, i) => `${1000 + i}.${String(i % 100).padStart(2, '0')}`);
  const lines = ledger.draft(
    'b-1',
    'care-services',
    2024,
    'zhang',
    people.map((p, i) => ({ personId: p.personId, amount: amounts[i]! })),
    chunkSize,
  );
  return { ledger, lines };
}

describe('rows written many to a statement', () => {
  it.each([1, 31, 32, 33, 100])('stores each of a %i-line draft chunk once, as drafted', (count) => {
    const { ledger, lines } = draftOf(count, count);
    const db = projected(ledger.events);
    // What was drafted, as a batch's lines are listed (the bank file shows every field a line keeps).
    const asDrafted = (l: (typeof lines)[number]) => ({
      lineNo: l.lineNo,
      personId: l.personId,
      certificateNumber: l.certificateNumber,
      name: l.name,
      bankAccount: l.bankAccount,
      amount: l.amount,
    });
    expect(bankFileLines(db, 'b-1').map(asDrafted)).toEqual(lines.map(asDrafted));
    expect(db.prepare('SELECT count(*) FROM payment_line').pluck().get()).toBe(count);
  });

  it('stores the same lines whether a chunk holds one line or a hundred', () => {
    const linesOf = (chunkSize: number) => {
      const db = projected(draftOf(100, chunkSize).ledger.events);
      return {
        rows: db.prepare('SELECT batch_seq, line_no, person_id, amount_fen FROM payment_line ORDER BY line_no').all(),
        listed: bankFileLines(db, 'b-1'),
      };
    };
    const [whole, single] = [linesOf(100), linesOf(1)];
    expect(whole.listed).toHaveLength(100);
    expect(single).toEqual(whole);
  });

  it('changes nothing when the log is applied again', () => {
    const { ledger } = draftOf(70, 33);
    const db = new Database(':memory:');
    resetReadModels(db, allProjections());
    applyEvents(db, allProjections(), ledger.events);
    const once = dumpReadModels(db);
    applyEvents(db, allProjections(), ledger.events);
    expect(dumpReadModels(db)).toEqual(once);
  });
});

describe('rows held back and written many to a statement', () => {
  const setup = () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, seq INTEGER NOT NULL)');
    const held = new BufferedRows(new MultiRowInsert(db, 't', ['k', 'seq']));
    const rows = () => db.prepare('SELECT k, seq FROM t ORDER BY seq').raw().all();
    return { held, rows };
  };

  it('writes them when full, and the rest on flush, in order; the first row for a key wins', () => {
    const { held, rows } = setup();
    for (let p = 1; p <= ROWS_PER_INSERT + 2; p++) held.add(BigInt(p), [p === 5 ? 'k3' : `k${p}`, p]);
    expect(rows()).toHaveLength(ROWS_PER_INSERT - 1); // the first 32 written; k3 at 5 conflicted
    held.flush(BigInt(ROWS_PER_INSERT + 2));
    expect(rows()).toHaveLength(ROWS_PER_INSERT + 1);
    expect(rows()[2]).toEqual(['k3', 3]);
  });

  it('never writes rows held for events after the position flushed (a rolled-back attempt)', () => {
    const { held, rows } = setup();
    held.add(5n, ['a', 5]);
    held.add(6n, ['b', 6]);
    held.flush(4n); // the runner applies again from its checkpoint: a batch ending at 4
    held.flush(7n);
    expect(rows()).toEqual([]);
  });

  it('drops what it held when an event is applied again, and before an earlier one', () => {
    const { held, rows } = setup();
    held.add(5n, ['a', 5]);
    held.add(6n, ['b', 6]);
    held.add(6n, ['b', 6]); // 6 again: 5 and 6 were a rolled-back attempt's
    held.flushBefore(6n); // another handler's event at 6 again: 6 is not written either
    held.add(7n, ['c', 7]);
    held.flushBefore(8n);
    expect(rows()).toEqual([['c', 7]]);
  });
});
