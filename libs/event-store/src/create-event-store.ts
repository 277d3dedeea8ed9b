import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { EventStore } from './port/event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { HashChainedEventStore } from './chain/hash-chained-event-store';

export interface EventStoreConfig {
  readonly kind: 'sqlite' | 'eventstoredb';
  /** Embedded store: the log is `${dataDir}/events.sqlite` (default ./data; created if missing). */
  readonly dataDir?: string;
  /** EventStoreDB: e.g. `esdb://admin:changeit@localhost:2113?tls=false`. */
  readonly connectionString?: string;
  /** Embedded store: sets recordedAt (EventStoreDB records the server's time). */
  readonly clock?: () => Date;
}

export const SQLITE_FILE_NAME = 'events.sqlite';

/** The ledger's event store: the configured adapter, hash-chained. */
export function createEventStore(config: EventStoreConfig): HashChainedEventStore {
  return new HashChainedEventStore(createAdapter(config));
}

function createAdapter(config: EventStoreConfig): EventStore {
  if (config.kind === 'eventstoredb') {
    if (!config.connectionString) throw new Error('an EventStoreDB store needs a connection string');
    return new EventStoreDbEventStore({ connectionString: config.connectionString });
  }
  const dataDir = config.dataDir ?? './data';
  mkdirSync(dataDir, { recursive: true });
  return new SqliteEventStore({ file: path.join(dataDir, SQLITE_FILE_NAME), clock: config.clock });
}

/** The SQLite file under a (possibly decorated) store, for the audit tooling; undefined for EventStoreDB. */
export function databaseFileOf(store: EventStore): string | undefined {
  if (store instanceof SqliteEventStore) return store.databaseFile;
  if (store instanceof HashChainedEventStore) return databaseFileOf(store.inner);
  return undefined;
}

/**
 * Resolves once the threads a (possibly decorated) store started in the background run (the embedded store's
 * checkpoint thread, started by a subscription); at once for a store without any.
 */
export function backgroundReady(store: EventStore): Promise<void> {
  if (store instanceof SqliteEventStore) return store.backgroundReady();
  if (store instanceof HashChainedEventStore) return backgroundReady(store.inner);
  return Promise.resolve();
}
