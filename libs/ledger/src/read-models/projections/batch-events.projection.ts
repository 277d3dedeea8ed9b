import type { PaymentBatchDrafted } from '@subsidy/domain/events/payment-batch-events';
import type { RecordedEvent } from '@subsidy/event-store/port/event-store.port';
import type Database from 'better-sqlite3';
import { dataOf, defineProjection, recordedAtOf, StatementCache } from '../projection';

/**
 * Which events are about which batch (`batch_event`): its draft, chunks, approval, bank returns, reversals,
 * with when each was recorded (so `asOf` knows when a line failed or was reversed without reading the event).
 */
const DDL = `
CREATE TABLE IF NOT EXISTS batch_event (
  batch_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  type TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (batch_id, position)
) WITHOUT ROWID;
`;

const statements = new StatementCache((db) => ({
  insert: db.prepare(
    'INSERT INTO batch_event (batch_id, position, type, recorded_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  ),
}));

function aboutBatch(db: Database.Database, e: RecordedEvent): void {
  const d = dataOf<PaymentBatchDrafted>(e); // every batch event carries batchId
  statements.get(db).insert.run(d.batchId, e.position, e.type, recordedAtOf(e));
}

export const batchEventsProjection = defineProjection({
  name: 'batch-events',
  version: 2,
  ddl: DDL,
  tables: ['batch_event'],
  statements,
  // Every batch event carries batchId: what aboutBatch reads.
  reads: {
    PaymentBatchDrafted: ['batchId'],
    PaymentBatchLinesDrafted: ['batchId'],
    PaymentBatchApproved: ['batchId'],
    BankReturnRecorded: ['batchId'],
    PaymentReversed: ['batchId'],
  },
  handlers: {
    PaymentBatchDrafted: aboutBatch,
    PaymentBatchLinesDrafted: aboutBatch,
    PaymentBatchApproved: aboutBatch,
    BankReturnRecorded: aboutBatch,
    PaymentReversed: aboutBatch,
  },
});
