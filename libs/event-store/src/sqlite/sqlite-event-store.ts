import path from 'node:path';
import Database from 'better-sqlite3';
import type {
  AllSubscription,
  AppendOptions,
  EventData,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../port/event-store.port';
import type { AppendOutcome } from '../port/append-outcome';
import { assertAppendSize, serializeEvent, type SerializedEvent } from '../port/append-limit';
import { DuplicateEventIdError, StreamNotFoundError, WrongExpectedRevisionError } from '../port/errors';
import { configure } from './schema';
import { InsertRefused, PAGE_CHARS, Statements } from './statements';
import { readAhead } from './read-ahead';
import { ChangeFeed, joinFile, notifyFile } from './change-feed';
import { SqliteAllSubscription } from './sqlite-all-subscription';
import { exactBase, satisfies } from './expected-revision';
import { WalCheckpointer } from './wal-checkpointer';

export interface SqliteEventStoreOptions {
  /** Path of the database file, or ':memory:'. */
  readonly file: string;
  /** Sets each event's recordedAt; tests pass a controllable one. */
  readonly clock?: () => Date;
  /** How often a waiting subscription looks for appends by other processes. Default 50 ms. */
  readonly pollIntervalMs?: number;
  /** Bytes of appended rows between two background WAL checkpoints (see WalCheckpointer). */
  readonly checkpointEveryBytes?: number;
}

/** Rows per query when reading `$all` or a stream: a large log is streamed, never held in memory. */
const PAGE = 1000;
/** SQLite integers are signed 64-bit. */
const MAX_INT64 = 9_223_372_036_854_775_807n;

/** An append waiting for the next group commit. */
interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly SerializedEvent[];
  readonly expected: ExpectedRevision;
  readonly recordedAt: number;
  readonly resolve: (outcome: AppendOutcome) => void;
  readonly reject: (error: unknown) => void;
}

type AppendResultOrError = { ok: AppendOutcome } | { error: unknown };

/** Thrown out of the append transaction (rolling it back) when an event id is already in the log. */
class IdTaken {
  constructor(readonly eventId: string) {}
}

/**
 * The embedded event store: one SQLite file, EventStoreDB's semantics. Each append is one `BEGIN IMMEDIATE`
 * transaction, so writers in several processes (the API and the CLI) are serialized by SQLite's write lock
 * and the expected-revision check and the insert can never interleave with another writer's.
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  private readonly file: string;
  private readonly db: Database.Database;
  private readonly stmts: Statements;
  private readonly clock: () => Date;
  private readonly feed: ChangeFeed;
  private readonly leaveFile: () => void;
  private readonly subscriptions = new Set<SqliteAllSubscription>();
  /** Checkpoints the WAL off this thread; undefined in memory. */
  private readonly checkpointer: WalCheckpointer | undefined;
  /** One append, as a savepoint inside the group's transaction: its refusal rolls back only itself. */
  private readonly appendOne: (
    streamId: string,
    events: readonly SerializedEvent[],
    expected: ExpectedRevision,
    recordedAt: number,
  ) => AppendOutcome;
  /** Every append queued in one tick, in one IMMEDIATE transaction: one fsync for all of them. */
  private readonly groupTx: (group: readonly PendingAppend[]) => AppendResultOrError[];
  private queue: PendingAppend[] = [];
  private flushScheduled = false;

  constructor(options: SqliteEventStoreOptions) {
    this.file = options.file === ':memory:' ? ':memory:' : path.resolve(options.file);
    this.clock = options.clock ?? (() => new Date());
    this.db = new Database(this.file, { timeout: 5000 });
    try {
      configure(this.db);
      this.stmts = new Statements(this.db);
    } catch (e) {
      this.db.close();
      throw e;
    }
    this.feed = new ChangeFeed(() => this.stmts.dataVersion.get()!, options.pollIntervalMs ?? 50);
    this.leaveFile = this.file === ':memory:' ? () => undefined : joinFile(this.file, this.feed);
    this.checkpointer =
      this.file === ':memory:' ? undefined : new WalCheckpointer(this.file, options.checkpointEveryBytes);
    this.appendOne = this.db.transaction(this.appendInTransaction.bind(this));
    this.groupTx = this.db.transaction((group: readonly PendingAppend[]) =>
      group.map((a): AppendResultOrError => {
        try {
          return { ok: this.appendOne(a.streamId, a.events, a.expected, a.recordedAt) };
        } catch (error) {
          return { error };
        }
      }),
    ).immediate;
  }

  /** The database file (absolute), for the audit tooling; ':memory:' for an in-memory store. */
  get databaseFile(): string {
    return this.file;
  }

  async appendToStream(
    streamId: string,
    events: readonly EventData[],
    options: AppendOptions = {},
  ): Promise<AppendOutcome> {
    const expected = options.expectedRevision ?? 'any';
    const serialized = events.map(serializeEvent);
    assertAppendSize(streamId, serialized);
    const early = this.earlyCheck(streamId, serialized, expected);
    if (early !== undefined) return early;
    const recordedAt = this.clock().getTime();
    return new Promise<AppendOutcome>((resolve, reject) => {
      this.queue.push({ streamId, events: serialized, expected, recordedAt, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Before queueing: a re-send answers at once, and a refusal that no queued append could change (the stream
   * is already past the expected revision) fails at once. Anything else is judged in the group, in order.
   */
  private earlyCheck(
    streamId: string,
    events: readonly SerializedEvent[],
    expected: ExpectedRevision,
  ): AppendOutcome | undefined {
    try {
      return this.check(streamId, events, expected).resent;
    } catch (e) {
      const final =
        e instanceof WrongExpectedRevisionError &&
        e.actualRevision !== 'no_stream' &&
        (expected === 'no_stream' || (typeof expected === 'bigint' && e.actualRevision > expected));
      if (final) throw e;
      return undefined;
    }
  }

  /**
   * Group commit: the appends that arrived in this tick (concurrent requests) share one IMMEDIATE transaction
   * and one fsync, each in its own savepoint, in arrival order, so each is checked against the ones before it.
   * Every promise settles only after the commit: durability is exactly that of one transaction per append.
   */
  private flush(): void {
    this.flushScheduled = false;
    const group = this.queue;
    this.queue = [];
    if (group.length === 0) return;
    let results: AppendResultOrError[];
    try {
      if (!this.db.open) throw new Error('the event store is closed');
      results = this.groupTx(group);
    } catch (e) {
      for (const a of group) a.reject(e);
      return;
    }
    let written = false;
    let bytes = 0;
    group.forEach((a, i) => {
      const r = results[i]!;
      if ('ok' in r) {
        if (r.ok.written === true) {
          written = true;
          for (const e of a.events) bytes += e.data.length + e.metadata.length;
        }
        a.resolve(r.ok);
      } else if (r.error instanceof IdTaken) {
        try {
          a.resolve(this.resolveTakenId(a.streamId, a.events, a.expected, r.error.eventId));
        } catch (e) {
          a.reject(e);
        }
      } else {
        a.reject(r.error);
      }
    });
    if (written) {
      if (this.file === ':memory:') this.feed.notify();
      else notifyFile(this.file);
      this.checkpointer?.wrote(bytes);
    }
  }

  /**
   * Resolves once the checkpoint thread, if a subscription started one (a serving process), runs and has
   * checkpointed once; at once if none was started. A server awaits it before it serves (LedgerLifecycle).
   */
  backgroundReady(): Promise<void> {
    return this.checkpointer?.started === true ? this.checkpointer.checkpointNow() : Promise.resolve();
  }

  /** Resolves once no background WAL checkpoint is running (tests). */
  checkpointed(): Promise<void> {
    return this.checkpointer?.idle() ?? Promise.resolve();
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 'end' : 'start');
    let cursor = from === 'start' ? 0n : from === 'end' ? (backwards ? MAX_INT64 : -1n) : clamp(from);
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let first = true;
    for (;;) {
      const limit = Math.max(0, Math.min(PAGE, remaining));
      const page = limit > 0 && cursor >= 0n ? this.stmts.readStream(streamId, cursor, limit, backwards) : [];
      if (first && page.length === 0 && this.stmts.streamExists.get(streamId) === undefined) {
        throw new StreamNotFoundError(streamId);
      }
      first = false;
      yield* page;
      if (page.length === 0 || page.length < limit) return;
      remaining -= page.length;
      cursor = page[page.length - 1]!.revision + (backwards ? -1n : 1n);
    }
  }

  readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    const from = options.fromPosition ?? 'start';
    if (
      options.readAhead === true &&
      options.direction !== 'backwards' &&
      options.maxCount === undefined &&
      from !== 'end' &&
      this.file !== ':memory:'
    ) {
      // Up to the head as it is at the first read on the read-ahead threads; anything appended meanwhile after
      // it, read here as usual.
      return readAhead({
        file: this.file,
        from: from === 'start' ? 0n : clamp(from),
        head: () => this.stmts.headPosition.get() ?? 0n,
        metadataKeys: options.metadataKeys,
        fields: options.fields,
        pageEvents: PAGE,
        pageChars: PAGE_CHARS,
        after: (head) => this.readPages({ fromPosition: head }),
      });
    }
    return this.readPages(options);
  }

  private async *readPages(options: ReadAllOptions): AsyncGenerator<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    const from = options.fromPosition ?? (backwards ? 'end' : 'start');
    if ((backwards && from === 'start') || (!backwards && from === 'end')) return;
    let cursor = from === 'start' ? 0n : from === 'end' ? MAX_INT64 : clamp(from);
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    for (;;) {
      const limit = Math.max(0, Math.min(PAGE, remaining));
      if (limit === 0) return;
      const page = this.stmts.readAll(cursor, limit, backwards);
      yield* page;
      if (page.length === 0) return;
      remaining -= page.length;
      cursor = page[page.length - 1]!.position;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    const from = options.fromPosition ?? 'start';
    const source = {
      feed: this.feed,
      readAfter: (after: bigint, limit: number) => this.stmts.readAll(after, limit, false),
    };
    const sub = new SqliteAllSubscription(from === 'start' ? 0n : clamp(from), source, PAGE, (s) =>
      this.subscriptions.delete(s),
    );
    this.subscriptions.add(sub);
    // A live subscription means a process that stays and serves (the API, the ledger's app context): its
    // checkpoint thread starts now, not at its first ~256 KB of appends. Starting a thread takes a core for
    // ~100 ms; in the middle of the enrollment load that was the worst stall of a run (~80 ms for every
    // request in flight, ~1 s into it). A catch-up alone (a rebuild) still never starts one.
    this.checkpointer?.start();
    return sub;
  }

  async headPosition(): Promise<bigint> {
    return this.stmts.headPosition.get() ?? 0n;
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    if (this.queue.length > 0) this.flush();
    await Promise.all([...this.subscriptions].map((s) => s.unsubscribe()));
    this.feed.close();
    this.leaveFile();
    await this.checkpointer?.stop();
    this.db.close();
  }

  private appendInTransaction(
    streamId: string,
    events: readonly SerializedEvent[],
    expected: ExpectedRevision,
    recordedAt: number,
  ): AppendOutcome {
    const { current, resent } = this.check(streamId, events, expected);
    if (resent !== undefined) return resent;
    let revision = current === undefined ? 0n : current + 1n;
    if (events.length === 0) {
      return {
        nextExpectedRevision: revision - 1n,
        position: this.stmts.headPosition.get() ?? 0n,
        written: false,
      };
    }
    let position: bigint;
    try {
      position = this.stmts.insertEvents(streamId, events, revision, recordedAt);
    } catch (err) {
      if (!(err instanceof InsertRefused)) throw err;
      if (isIdConstraint(err.cause)) throw new IdTaken(this.takenId(events, err.from, err.to));
      throw err.cause;
    }
    revision += BigInt(events.length);
    return { nextExpectedRevision: revision - 1n, position, written: true };
  }

  /**
   * Which id of a refused INSERT (rows from..to of the append) is already in the log or earlier in the append:
   * the first such, as a row-by-row insert would have found. Run inside the append's savepoint, where the
   * rows of its earlier statements are visible (so an id repeated from them is found in the table too).
   */
  private takenId(events: readonly SerializedEvent[], from: number, to: number): string {
    const earlier = new Set(events.slice(0, from).map((e) => e.id));
    for (let i = from; i < to; i++) {
      const id = events[i]!.id;
      if (earlier.has(id) || this.stmts.eventById.get(id) !== undefined) return id;
      earlier.add(id);
    }
    return events[from]!.id;
  }

  /**
   * The stream's head, or the answer to an idempotent re-send; throws when `expected` does not hold. Run
   * once before the write lock (a stream only grows, so a refusal or a re-send seen in any committed
   * snapshot is final: losers of a race never queue for the lock) and again under it (authoritative).
   */
  private check(
    streamId: string,
    events: readonly SerializedEvent[],
    expected: ExpectedRevision,
  ): { current: bigint | undefined; resent?: AppendOutcome } {
    const current = this.stmts.streamHead.get(streamId);
    if (satisfies(expected, current)) return { current };
    const base = exactBase(expected);
    const resent = base === undefined ? undefined : this.alreadyAppended(streamId, events, base);
    if (resent !== undefined) return { current, resent };
    throw new WrongExpectedRevisionError(streamId, expected, current ?? 'no_stream');
  }

  /**
   * EventStoreDB's idempotence: the same ids already sit right after `base`, in order, so this is a
   * re-send of an append that succeeded. It answers as the first time did, writing nothing.
   */
  private alreadyAppended(
    streamId: string,
    events: readonly SerializedEvent[],
    base: bigint,
  ): AppendOutcome | undefined {
    if (events.length === 0) return undefined;
    const rows = this.stmts.streamRange.all(streamId, base, base + BigInt(events.length));
    if (rows.length !== events.length || rows.some((r, i) => r.id !== events[i]!.id)) return undefined;
    return {
      nextExpectedRevision: base + BigInt(events.length),
      position: rows[rows.length - 1]!.position,
      written: false,
    };
  }

  /**
   * An id is already in the log. With 'any' or 'stream_exists' and the same ids already in this stream,
   * in order, it is a re-send (EventStoreDB's best-effort idempotence for those); otherwise it is refused.
   */
  private resolveTakenId(
    streamId: string,
    events: readonly SerializedEvent[],
    expected: ExpectedRevision,
    takenId: string,
  ): AppendOutcome {
    if (expected === 'any' || expected === 'stream_exists') {
      const first = this.stmts.eventById.get(events[0]!.id);
      if (first !== undefined && first.stream_id === streamId) {
        const resent = this.alreadyAppended(streamId, events, first.revision - 1n);
        if (resent !== undefined) return resent;
      }
    }
    throw new DuplicateEventIdError(streamId, takenId);
  }
}

function clamp(p: bigint): bigint {
  return p > MAX_INT64 ? MAX_INT64 : p < -1n ? -1n : p;
}

/**
 * Duck-typed, not `instanceof`: better-sqlite3 builds its errors with the constructor of whichever realm
 * loaded it first (under jest, another test file's), so they need not be instances of this realm's Error.
 */
function isIdConstraint(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('events.id');
}
