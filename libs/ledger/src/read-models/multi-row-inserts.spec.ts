/**
 * A rebuild writes its millions of rows many to an INSERT statement. Whatever the count, every row must be
 * stored once, exactly as the event said, and applying an event again must change nothing (the runner may
 * re-apply after a crash: ON CONFLICT DO NOTHING, row by row).
 */
import Database from 'better-sqlite3';
import { allProjections, applyEvents, dumpReadModels, resetReadModels } from './index';
import { LedgerFixture } from './testing/ledger-fixture';
import { projected } from './testing/project';

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
    const stored = db
      .prepare(
        `SELECT line_no AS lineNo, person_id AS personId, certificate_number AS certificateNumber, name,
           bank_account AS bankAccount, amount_fen AS fen FROM payment_line ORDER BY line_no`,
      )
      .all();
    expect(stored).toEqual(
      lines.map((l) => ({
        lineNo: l.lineNo,
        personId: l.personId,
        certificateNumber: l.certificateNumber,
        name: l.name,
        bankAccount: l.bankAccount,
        fen: Number(l.amount.replace('.', '')),
      })),
    );
  });

  it('stores the same lines whether a chunk holds one line or a hundred', () => {
    const lineRows = (chunkSize: number) =>
      projected(draftOf(100, chunkSize).ledger.events)
        .prepare(
          'SELECT batch_seq, line_no, person_id, certificate_number, name, bank_account, amount_fen FROM payment_line ORDER BY line_no',
        )
        .all();
    expect(lineRows(100)).toEqual(lineRows(1));
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
