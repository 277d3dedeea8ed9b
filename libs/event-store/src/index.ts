// The event store: port, adapters, envelope, hash chain, projection runner.
export * from './port/event-store.port';
export * from './port/errors';
export * from './port/json';
export * from './port/limits';
export type { AppendOutcome } from './port/append-outcome';

export * from './envelope/event-ids';
export * from './envelope/event-metadata';

export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { WalCheckpointer } from './sqlite/wal-checkpointer';
export {
  EventStoreDbEventStore,
  type EventStoreDbEventStoreOptions,
} from './eventstoredb/eventstoredb-event-store';

export { canonicalJson } from './chain/canonical-json';
export { GENESIS_HASH, expectedHash, hashEvent, recordedHash, type HashableEvent } from './chain/event-hash';
export { ChainVerifier, verifyChain, type ChainFault, type ChainFaultKind } from './chain/chain-verifier';
export { HashChainedEventStore, type HashChainOptions } from './chain/hash-chained-event-store';

export { ProjectionFailedError, type Projection, type ProjectionLogger } from './projections/projection';
export { ProjectionRunner, type ProjectionRunnerOptions } from './projections/projection-runner';
export {
  discardInterruptedRebuild,
  RebuildInProgressError,
  UnjournaledRebuild,
} from './projections/unjournaled-rebuild';

export {
  createEventStore,
  backgroundReady,
  databaseFileOf,
  SQLITE_FILE_NAME,
  type EventStoreConfig,
} from './create-event-store';
