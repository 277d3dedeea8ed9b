import type { AppendResult } from './event-store.port';

/**
 * What an adapter may add to an AppendResult: whether this call wrote the events (false for an idempotent
 * re-send). The hash-chain decorator caches the new head hash only when it is sure the events it hashed are
 * the ones stored: a retry with the same ids may carry different metadata (a later recordedAt). Adapters that
 * cannot tell (EventStoreDB answers both cases alike) leave it undefined.
 */
export interface AppendOutcome extends AppendResult {
  readonly written?: boolean;
}
