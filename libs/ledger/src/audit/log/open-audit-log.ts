import path from 'node:path';
import type { EventStore } from '@subsidy/event-store/port/event-store.port';
import type { AuditLog } from './audit-log';
import { SqliteAuditLog } from './sqlite-audit-log';
import { StoreAuditLog } from './store-audit-log';

/** The embedded log's rows straight from `<dataDir>/events.sqlite`; EventStoreDB's through the port. */
export function openAuditLog(kind: 'sqlite' | 'eventstoredb', dataDir: string, store: EventStore): AuditLog {
  return kind === 'sqlite'
    ? new SqliteAuditLog(path.join(dataDir, 'events.sqlite'))
    : new StoreAuditLog(store);
}
