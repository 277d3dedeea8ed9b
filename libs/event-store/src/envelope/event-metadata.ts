/**
 * Every event carries who, when and why. The schema version is per event type, so an old event can be
 * upcast when read without rewriting history. `hash`/`prevHash` form the per-stream hash chain (audit):
 * they are added at append time by the hash-chain decorator, never by callers.
 */
export interface EventMetadata {
  /** Version of this event type's data schema. */
  schemaVersion: number;
  /** User name of whoever caused the event ("system" for the ledger's own processes). */
  actor: string;
  /** Ties together everything one request caused. */
  correlationId: string;
  /** The message (request, command or event id) that directly caused this event. */
  causationId: string;
  /** Why, when the user said (reversals, reassessments, corrections). */
  reason?: string;
  /** ISO-8601 UTC: the time the ledger recorded the fact. `asOf` goes by this, and the hash covers it. */
  recordedAt: string;
  /** Set when the request carried an Idempotency-Key. */
  idempotencyKey?: string;
  /** SHA-256 (hex) over this event's canonical content and prevHash. */
  hash?: string;
  /** Hash of the previous event of the same stream; 64 zeros for a stream's first event. */
  prevHash?: string;
  [key: string]: string | number | undefined;
}

/** Who and why, as a command carries it down to its events. */
export interface CommandContext {
  actor: string;
  correlationId: string;
  causationId: string;
  reason?: string;
  idempotencyKey?: string;
}
