/**
 * The event store port. Semantics are EventStoreDB's, so code above it cannot tell which adapter it runs on:
 * - streams are append-only, revisions are 0-based bigints, appends are atomic per call and per stream;
 * - an append names an expected revision; a mismatch throws WrongExpectedRevisionError;
 * - re-sending the same event ids at the same exact expected revision succeeds without writing them twice;
 * - `$all` orders every event by a global position (bigint); a checkpoint is the position of the last
 *   event a consumer has handled, and reading or subscribing "from" a checkpoint yields events after it.
 */
import type { JsonObject, JsonValue } from './json';

/** What a caller expects of a stream before its append. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;
/** The actual revision of a stream, as reported in errors: "no_stream" when it does not exist. */
export type ActualRevision = 'no_stream' | bigint;

export interface EventData<Data extends JsonValue = JsonValue, Meta extends JsonObject = JsonObject> {
  /** UUID; derive it from the command (idempotency key + index) so retries land on the same ids. */
  readonly id: string;
  readonly type: string;
  readonly data: Data;
  readonly metadata: Meta;
}

export interface RecordedEvent<Data extends JsonValue = JsonValue, Meta extends JsonObject = JsonObject> {
  readonly id: string;
  readonly type: string;
  readonly streamId: string;
  /** 0-based revision within the stream. */
  readonly revision: bigint;
  /** Global position in `$all`; strictly increasing in `$all` order. */
  readonly position: bigint;
  /** When the store recorded it. */
  readonly recordedAt: Date;
  readonly data: Data;
  readonly metadata: Meta;
}

export interface AppendOptions {
  /** Default 'any'. */
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event now in the stream: the exact expected revision of the next append. */
  readonly nextExpectedRevision: bigint;
  /** Global position of the last event appended (of the existing one, for an idempotent re-send). */
  readonly position: bigint;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive. Default: 'start' forwards, 'end' backwards. */
  readonly fromRevision?: bigint | 'start' | 'end';
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  readonly direction?: 'forwards' | 'backwards';
  /**
   * Forwards: events with position > fromPosition ('start' = from the first event). Exclusive, so a
   * checkpoint can be passed as it is, even one that points past the last event.
   * Backwards: events with position < fromPosition ('end' = from the last event).
   */
  readonly fromPosition?: bigint | 'start' | 'end';
  readonly maxCount?: number;
  /**
   * The caller will read far forwards (a projection catch-up from far behind): an adapter may read and decode
   * the log ahead on another thread, a bounded few pages at a time. Default false.
   */
  readonly readAhead?: boolean;
  /**
   * The metadata keys the caller reads: an adapter may leave the others out of each event's `metadata` (a
   * catch-up's projections read only `recordedAt` of ~350 characters of ids and hashes). Default: all.
   */
  readonly metadataKeys?: readonly string[];
  /**
   * What the caller reads of each event, by type (a projection catch-up: most of what the log holds is not
   * read). An adapter may then leave the rest out: every event has its position, type and recordedAt; an event
   * of a type named here has the named keys of its data and metadata (those it has); an event of another type
   * has `{}` for both; and `id` and `streamId` may be '' and `revision` -1n. Nothing may depend on it being
   * honoured: an adapter may give more, up to whole events. Default: whole events.
   */
  readonly fields?: Readonly<Record<string, EventFields>>;
}

/** What a reader reads of the events of one type (ReadAllOptions.fields). */
export interface EventFields {
  /** The keys of `data` read (top-level; a value is given whole), or '*': all of it. */
  readonly data: readonly string[] | '*';
  /** The keys of `metadata` read. */
  readonly metadata: readonly string[];
}

export interface SubscribeToAllOptions {
  /** The consumer's checkpoint: delivery starts after it. Default 'start'. */
  readonly fromPosition?: bigint | 'start';
}

/**
 * A catch-up subscription to `$all`: history first, then live events, in position order, never skipping or
 * repeating, however slow the consumer (it pulls; nothing is buffered without bound).
 */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  /** Ends the iteration; pending `next()` calls resolve as done. */
  unsubscribe(): Promise<void>;
}

export interface EventStore {
  /** Which adapter this is, for health and logs. */
  readonly kind: 'sqlite' | 'eventstoredb' | 'memory';
  appendToStream(
    streamId: string,
    events: readonly EventData[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
  /** Throws StreamNotFoundError if the stream has no events. */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;
  /** Position of the last event in `$all`, or 0n when the log is empty. */
  headPosition(): Promise<bigint>;
  /** Releases connections and handles (EventStoreDB's client keeps jest alive otherwise). */
  close(): Promise<void>;
}
