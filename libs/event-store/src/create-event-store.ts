import path from 'node:path';
import type { EventStore } from './port/event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { HashChainedEventStore } from './chain/hash-chained-event-store';

export interface EventStoreConfig {
  kind: 'sqlite' | 'eventstoredb';
  /** SQLite: the log is `${dataDir}/events.sqlite`. */
  dataDir?: string;
  /** EventStoreDB: `esdb://…` */
  connectionString?: string;
  clock?: () => Date;
}

/** The configured adapter, wrapped so every stream is a hash chain. */
export function createEventStore(config: EventStoreConfig): HashChainedEventStore {
  if (config.kind === 'eventstoredb') {
    if (!config.connectionString) throw new Error('the EventStoreDB adapter needs a connection string');
    // Loaded only when chosen, so the embedded default never opens a gRPC client.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { EventStoreDbEventStore } = require('./eventstoredb/eventstoredb-event-store') as typeof import('./eventstoredb/eventstoredb-event-store');
    return new HashChainedEventStore(new EventStoreDbEventStore({ connectionString: config.connectionString }));
  }
  const dataDir = config.dataDir ?? './data';
  return new HashChainedEventStore(
    new SqliteEventStore({ file: path.join(dataDir, 'events.sqlite'), clock: config.clock }),
  );
}
