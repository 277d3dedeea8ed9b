import type { BeneficiaryTownshipChanged } from '@subsidy/domain/events/beneficiary-events';
import type { RecordedEvent } from '@subsidy/event-store/port/event-store.port';
import type Database from 'better-sqlite3';
import { dataOf, defineProjection, StatementCache } from '../projection';

/**
 * Changes to a person after registration (`person_event`): re-assessments, bank account and township changes.
 * The other events about a person are found through the rows that already record their positions, so a
 * rebuild writes no second row for them: a registration (`beneficiary.seq`), an enrollment
 * (`entitlement.seq`), and per payment line its draft chunk, approval, bank return and reversal
 * (`payment_line.drafted_seq`, `payment_batch.approved_seq`, `payment_paid.returned_seq`, `payment_outcome.seq`). See
 * queries/history.queries.ts.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS person_event (
  person_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  type TEXT NOT NULL,
  PRIMARY KEY (person_id, position)
) WITHOUT ROWID;
`;

const statements = new StatementCache((db) => ({
  insert: db.prepare(
    'INSERT INTO person_event (person_id, position, type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  ),
}));

function changed(db: Database.Database, e: RecordedEvent): void {
  const d = dataOf<BeneficiaryTownshipChanged>(e); // each of these events carries personId
  statements.get(db).insert.run(d.personId, e.position, e.type);
}

export const personEventsProjection = defineProjection({
  name: 'person-events',
  version: 1,
  ddl: DDL,
  tables: ['person_event'],
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
});
