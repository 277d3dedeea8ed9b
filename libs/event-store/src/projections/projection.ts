import type Database from 'better-sqlite3';
import type { EventFields, RecordedEvent } from '../port/event-store.port';

/**
 * A read model kept in the local SQLite database. The runner calls `apply` for every event of the log in
 * `$all` order, synchronously, inside the transaction that also moves the projection's checkpoint.
 */
export interface Projection {
  /** Unique among the runner's projections; the checkpoint's key. */
  readonly name: string;
  /** Bump it when the tables or their meaning change: the runner then drops and rebuilds the projection. */
  readonly version: number;
  /** CREATE TABLE IF NOT EXISTS … (runs at every start). */
  setup(db: Database.Database): void;
  /**
   * Indexes that only queries read, never `apply`, and that `setup` creates IF NOT EXISTS: while the runner
   * catches up from far behind it drops them and has `setup` build them again at the end, one sort instead of
   * a random insert per row. A crash in between leaves them to the next start's `setup`.
   */
  readonly deferrableIndexes?: readonly string[];
  /**
   * The metadata keys `apply` reads (e.g. `['recordedAt']`): when every projection says, a catch-up reads
   * only those. Undefined: it may read any.
   */
  readonly metadataKeys?: readonly string[];
  /**
   * The event types `apply` handles (it ignores every other), each with what it reads of them. The runner
   * applies an event only to the projections that handle its type, and when every projection says, a
   * catch-up asks the store for only what they read (ReadAllOptions.fields). Undefined: it may read anything
   * of any event.
   */
  readonly reads?: Readonly<Record<string, EventFields>>;
  /**
   * A bulk catch-up (ProjectionRunnerOptions.bulkCatchUp) is about to apply many events to this projection
   * (called inside a transaction, before the first). Work that costs less done once over the result than per
   * event may then be left to `caughtUp`; the projection must record that durably, in the transaction of the
   * first apply that leaves work, because a crash leaves it to the next start's catch-up, which may not be a
   * bulk one.
   */
  bulkCatchUpStarts?(db: Database.Database): void;
  /**
   * Every projection has applied the log up to the head that a catch-up read (bulk or not, including one that
   * found nothing to apply), or up to a batch applied while following the log, inside a transaction: the place
   * to finish work left by this or an earlier, interrupted catch-up (perhaps another process's). Called on
   * every live batch, so a check for nothing to do must be cheap.
   */
  caughtUp?(db: Database.Database): void;
  /** DROP its tables. */
  drop(db: Database.Database): void;
  apply(db: Database.Database, event: RecordedEvent): void;
  /**
   * For a projection whose `apply` holds rows back to write many to a statement: writes those held for events
   * up to `upTo`. The runner calls it at the end of each batch (`upTo` its last position), in the batch's
   * transaction, before moving the checkpoints; whoever else calls `apply` calls it before reading the tables
   * or committing. Rows held for a later event than `upTo` are a rolled-back transaction's: it drops them.
   */
  flush?(db: Database.Database, upTo: bigint): void;
}

export interface ProjectionLogger {
  log(message: string): void;
  error(message: string, error?: unknown): void;
}

/** An apply failed: the runner stops here, with the batch rolled back, rather than skip the event. */
export class ProjectionFailedError extends Error {
  override readonly name = 'ProjectionFailedError';
  constructor(
    readonly projection: string,
    readonly event: Pick<RecordedEvent, 'position' | 'streamId' | 'revision' | 'type'>,
    override readonly cause: unknown,
  ) {
    // A catch-up that asked only for what projections read has no stream (ReadAllOptions.fields): the
    // position alone names the event.
    const where = event.streamId === '' ? '' : ` ${event.streamId}@${event.revision}`;
    super(
      `projection "${projection}" failed on ${event.type}${where} ` +
        `(position ${event.position}): ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

/**
 * What the projections read, by event type (the union of their `reads`: a type's data keys, or '*' when one
 * reads all of it, and its metadata keys); undefined when one of them may read anything.
 */
export function fieldsReadBy(projections: readonly Projection[]): Record<string, EventFields> | undefined {
  if (!projections.every((p) => p.reads !== undefined)) return undefined;
  const data = new Map<string, Set<string> | '*'>();
  const metadata = new Map<string, Set<string>>();
  for (const p of projections) {
    for (const [type, f] of Object.entries(p.reads!)) {
      const keys = data.get(type) ?? new Set<string>();
      data.set(type, keys === '*' || f.data === '*' ? '*' : new Set([...keys, ...f.data]));
      metadata.set(type, new Set([...(metadata.get(type) ?? []), ...f.metadata]));
    }
  }
  return Object.fromEntries(
    [...data].map(([type, keys]): [string, EventFields] => [
      type,
      { data: keys === '*' ? '*' : [...keys], metadata: [...metadata.get(type)!] },
    ]),
  );
}
