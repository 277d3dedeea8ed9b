import type Database from 'better-sqlite3';
import type { Projection, RecordedEvent } from '@subsidy/event-store';

type Db = Database.Database;

/**
 * A projection as the runner (`@subsidy/event-store`, projections/) drives it, plus what it owns: `tables`
 * (for drop and dumps) and `dependsOn`, the projections whose tables `apply` reads; they come earlier in
 * `allProjections()`. The runner applies a batch projection by projection, and may rebuild one alone, so a
 * dependency can be ahead of its reader: readers only read facts that never change once written (draft lines,
 * a line's split once approved), which are the same whichever event the dependency has reached.
 */
export interface ReadModelProjection extends Projection {
  readonly tables: readonly string[];
  readonly dependsOn: readonly string[];
}

/** Prepared statements, prepared once per database on first use (apply is the hot path of a rebuild). */
export class StatementCache<S> {
  private readonly byDb = new WeakMap<Db, S>();
  constructor(private readonly prepare: (db: Db) => S) {}

  get(db: Db): S {
    let s = this.byDb.get(db);
    if (s === undefined) {
      s = this.prepare(db);
      this.byDb.set(db, s);
    }
    return s;
  }

  /** The statements if already prepared for `db` (nothing to flush otherwise). */
  peek(db: Db): S | undefined {
    return this.byDb.get(db);
  }

  forget(db: Db): void {
    this.byDb.delete(db);
  }
}

export type Handler = (db: Db, event: RecordedEvent) => void;

/** A projection from its DDL, the tables it owns and one handler per event type it cares about. */
export function defineProjection<S, T extends string>(spec: {
  name: string;
  version: number;
  ddl: string;
  tables: readonly string[];
  /** Tables of the projection's own progress, not of answers: dropped with it, but neither dumped nor compared. */
  stateTables?: readonly string[];
  dependsOn?: readonly string[];
  /** Indexes in `ddl` that only queries use (see Projection.deferrableIndexes). */
  deferrableIndexes?: readonly string[];
  statements: StatementCache<S>;
  handlers: Readonly<Record<T, Handler>>;
  /**
   * For each event type in `handlers`, the keys of its data the handler reads ('*': all of it; a value is
   * given whole): a bulk catch-up reads only those from the log (Projection.reads), so a key left out here
   * reads as undefined there. runner.spec's bulk catch-up from a file compares that with a plain replay.
   */
  reads: Readonly<Record<NoInfer<T>, readonly string[] | '*'>>;
  /** Writes the rows `handlers` held back (see Projection.flush). */
  flush?: (db: Db, upTo: bigint) => void;
  /** Work left to the end of a bulk catch-up (see Projection.bulkCatchUpStarts and caughtUp). */
  bulkCatchUpStarts?: (db: Db) => void;
  caughtUp?: (db: Db) => void;
}): ReadModelProjection {
  const handlers = new Map<string, Handler>(Object.entries(spec.handlers));
  const reads = Object.fromEntries(
    Object.entries<readonly string[] | '*'>(spec.reads).map(([type, data]) => [
      type,
      { data, metadata: ['recordedAt'] },
    ]),
  );
  return {
    name: spec.name,
    version: spec.version,
    tables: spec.tables,
    dependsOn: spec.dependsOn ?? [],
    deferrableIndexes: spec.deferrableIndexes ?? [],
    // Handlers read metadata only through recordedAtOf (below).
    metadataKeys: ['recordedAt'],
    reads,
    setup(db) {
      db.exec(spec.ddl);
    },
    drop(db) {
      spec.statements.forget(db);
      for (const t of [...spec.tables, ...(spec.stateTables ?? [])]) db.exec(`DROP TABLE IF EXISTS ${t}`);
    },
    apply(db, event) {
      handlers.get(event.type)?.(db, event);
    },
    // Only the hooks it has: the runner skips work for projections without them.
    ...(spec.flush && { flush: spec.flush }),
    ...(spec.bulkCatchUpStarts && { bulkCatchUpStarts: spec.bulkCatchUpStarts }),
    ...(spec.caughtUp && { caughtUp: spec.caughtUp }),
  };
}

/** The event's data as its domain type (events in the log were validated when written). */
export function dataOf<E extends { data: unknown }>(event: RecordedEvent): E['data'] {
  return event.data as unknown as E['data'];
}

/** metadata.recordedAt: when the ledger recorded the fact (ISO-8601 UTC). */
export function recordedAtOf(event: RecordedEvent): string {
  const at = event.metadata['recordedAt'];
  return typeof at === 'string' ? at : event.recordedAt.toISOString();
}
