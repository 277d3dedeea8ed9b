import path from 'node:path';
import { SQLITE_FILE_NAME } from '@subsidy/event-store';
import type { EventStore } from '@subsidy/event-store/port/event-store.port';
import type { AuditLog } from './audit-log';
import { SqliteAuditLog } from './sqlite-audit-log';
import { StoreAuditLog } from './store-audit-log';

/** The embedded log's rows straight from its file in the data directory; EventStoreDB's through the port. */
export function openAuditLog(kind: 'sqlite' | 'eventstoredb', dataDir: string, store: EventStore): AuditLog {
  return kind === 'sqlite' ? new SqliteAuditLog(path.join(dataDir, SQLITE_FILE_NAME)) : new StoreAuditLog(store);
}
