import type { BeneficiaryTownshipChanged } from '@subsidy/domain/events/beneficiary-events';
import type { RecordedEvent } from '@subsidy/event-store/port/event-store.port';
import type Database from 'better-sqlite3';
import { BufferedRows, MultiRowInsert } from '../multi-row-insert';
import { dataOf, defineProjection, StatementCache } from '../projection';

type Db = Database.Database;

/**
 * Changes to a person after registration (`person_event`): re-assessments, bank account and township changes.
 * The other events about a person are found through the rows that already record their positions, so a
 * rebuild writes no second row for them: a registration (`beneficiary.seq`), an enrollment
 * (`entitlement.seq`), and per payment line its draft chunk, approval, bank return and reversal
 * (`payment_line.drafted_seq`, `payment_batch.approved_seq`, `payment_paid.returned_seq`, `payment_outcome.seq`). See
 * queries/history.queries.ts.
 *
 * A bulk catch-up appends its rows to `person_event_held` instead (position the rowid, many to a statement)
 * and the end of the catch-up moves them into `person_event` sorted by its key: inserted as they came, in no
 * person order, each landed on a random page of the table (72 k in the bench's 1 M-event rebuild, 0.33 s of its
 * main thread, nearly all b-tree work: multi-row inserts alone gave nothing). Rows are independent of one
 * another, so while following the log they are inserted at once even when some are held; the held ones are
 * durable, committed with their events, and moved by the end of any catch-up or the next batch applied while
 * following the log (a catch-up that died).
 */
const DDL = `
CREATE TABLE IF NOT EXISTS person_event (
  person_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  type TEXT NOT NULL,
  PRIMARY KEY (person_id, position)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS person_event_held (
  position INTEGER PRIMARY KEY,
  person_id TEXT NOT NULL,
  type TEXT NOT NULL
);
`;

const statements = new StatementCache((db) => ({
  insert: db.prepare(
    'INSERT INTO person_event (person_id, position, type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  ),
  held: new BufferedRows(new MultiRowInsert(db, 'person_event_held', ['position', 'person_id', 'type'])),
  anyHeld: db.prepare('SELECT 1 FROM person_event_held LIMIT 1').pluck(),
  // WHERE true: without it SQLite would read ON CONFLICT as a join constraint of the SELECT.
  moveHeld: db.prepare(
    `INSERT INTO person_event (person_id, position, type)
     SELECT person_id, position, type FROM person_event_held WHERE true ORDER BY person_id, position
     ON CONFLICT DO NOTHING`,
  ),
  clearHeld: db.prepare('DELETE FROM person_event_held'),
}));

/** Read models whose catch-up is a bulk one right now (in this process): rows are held. */
const inBulk = new WeakSet<Db>();

function changed(db: Db, e: RecordedEvent): void {
  const d = dataOf<BeneficiaryTownshipChanged>(e); // each of these events carries personId
  const s = statements.get(db);
  if (inBulk.has(db)) {
    s.held.add(e.position, [e.position, d.personId, e.type]);
    return;
  }
  s.held.flushBefore(e.position); // held rows of a rolled-back transaction are dropped (see BufferedRows)
  s.insert.run(d.personId, e.position, e.type);
}

export const personEventsProjection = defineProjection({
  name: 'person-events',
  version: 1,
  ddl: DDL,
  tables: ['person_event'],
  stateTables: ['person_event_held'],
  statements,
  reads: {
    BeneficiaryReassessed: ['personId'],
    BeneficiaryBankAccountChanged: ['personId'],
    BeneficiaryTownshipChanged: ['personId'],
  },
  handlers: {
    BeneficiaryReassessed: changed,
    BeneficiaryBankAccountChanged: changed,
    BeneficiaryTownshipChanged: changed,
  },
  flush(db, upTo) {
    statements.peek(db)?.held.flush(upTo);
  },
  bulkCatchUpStarts(db) {
    inBulk.add(db);
  },
  /** Moves the rows held, if any (the runner flushed the last of them first). */
  caughtUp(db) {
    inBulk.delete(db);
    const s = statements.get(db);
    if (s.anyHeld.get() === undefined) return;
    s.moveHeld.run();
    s.clearHeld.run();
  },
});
