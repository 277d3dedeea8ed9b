import type Database from 'better-sqlite3';
import type { AllSubscription, EventFields, EventStore, RecordedEvent } from '../port/event-store.port';
import { Checkpoints } from './checkpoints';
import { fieldsReadBy, ProjectionFailedError, type Projection, type ProjectionLogger } from './projection';
import { PositionWaiters } from './position-waiters';
import { UnjournaledRebuild } from './unjournaled-rebuild';

export interface ProjectionRunnerOptions {
  readonly store: EventStore;
  /** The local read-model database (separate from the log). */
  readonly db: Database.Database;
  readonly projections: readonly Projection[];
  /**
   * Most events applied per transaction. Default: 1000 while following the log, 2000 while catching up.
   */
  readonly batchSize?: number;
  readonly logger?: ProjectionLogger;
  /**
   * A catch-up of at least this many events is a bulk one: deferrable indexes built after, rare checkpoints.
   * Default 50,000.
   */
  readonly bulkCatchUp?: number;
  /** Runner batches per transaction during a bulk catch-up. Default BULK_BATCHES_PER_COMMIT. */
  readonly bulkBatchesPerCommit?: number;
}

/** Events per transaction while following the log. */
const LIVE_BATCH = 1000;
/**
 * Events per transaction while catching up, unless `batchSize` says otherwise: fewer commits (each rewrites
 * every page its batch touched), while a batch's events stay few enough not to crowd the heap.
 */
const CATCH_UP_BATCH = 2000;
/**
 * Most weight per transaction, whatever the count: an event weighs 1 plus the elements of the longest array in
 * its data (a draft chunk's lines, one array or five columns alike; a bank return's paid line numbers), so a run of big events is held and
 * applied a few at a time (~5,000 lines: twenty 48 KiB draft chunks), never a thousand at once: what a batch holds outlives
 * the young generation and is only freed by a full GC, so it sets the process's peak RSS.
 */
const MAX_BATCH_WEIGHT = 5000;

/** 1 + the length of the longest array among the event's data values: how much of memory and work it holds. */
export function weightOf(event: RecordedEvent): number {
  let longest = 0;
  const data = event.data;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    for (const key in data) {
      const value = data[key];
      if (Array.isArray(value) && value.length > longest) longest = value.length;
    }
  }
  return 1 + longest;
}

/** WAL pages between checkpoints during a bulk catch-up (≈ 400 MB of 4 KiB pages). */
const BULK_WAL_PAGES = 100_000;

/**
 * Runner batches per transaction during a bulk catch-up (≤ 50,000 events). A commit rewrites every page its
 * transaction touched (into the WAL, later copied back, or straight into the file), and consecutive batches
 * touch mostly the same pages (the right edge of each table, the upper levels of each index): one commit per
 * 25 batches writes each of those once instead of 25 times. On the 1,000,001-event bench log 10, 25, 50 and
 * 100 gave the same time within noise; 1 was ~10 % slower unjournaled and ~15 % through the WAL. Bounded so
 * that an unjournaled rebuild's in-memory journal (the original of each page that existed before its
 * transaction: ~10–15 MB of peak RSS here) stays small, and a crash repeats at most this much work.
 */
const BULK_BATCHES_PER_COMMIT = 25;

/** Page cache while building deferred indexes (see buildIndexes). */
const INDEX_BUILD_CACHE_KIB = 16 * 1024;

const IDLE = Symbol('idle');
/** Resolves after the current macrotask: events still arriving as microtasks are "already there". */
const idle = (): Promise<typeof IDLE> => new Promise((resolve) => setImmediate(() => resolve(IDLE)));

const consoleLogger: ProjectionLogger = {
  log: () => undefined,
  error: (message, error) => console.error(message, error),
};

/**
 * Keeps read models up to date with the log. Events are applied in batches (whatever has arrived, up to
 * `batchSize`), each batch in ONE transaction with every projection's checkpoint (a bulk catch-up: many
 * batches per transaction), so the read models are always exactly "the log up to the checkpoint": a crash
 * neither skips nor repeats an event. Positions are announced (`position`, `waitForPosition`) only once the
 * transaction holding them has committed. A failing `apply` rolls back everything uncommitted and stops the
 * runner loudly; nothing is skipped.
 */
export class ProjectionRunner {
  private readonly store: EventStore;
  private readonly db: Database.Database;
  private readonly projections: readonly Projection[];
  private readonly names: readonly string[];
  /** The metadata keys any projection reads; undefined when one may read any. */
  private readonly metadataKeys: readonly string[] | undefined;
  /** What the projections read of each event type (Projection.reads); undefined when one may read anything. */
  private readonly fields: Readonly<Record<string, EventFields>> | undefined;
  /**
   * By event type, the indexes (into `projections`) of those that handle it, in order: an event goes only
   * to those (a projection that does not say what it handles gets every event). Filled on first sight.
   */
  private readonly handling = new Map<string, readonly number[]>();
  private readonly batchSize: number;
  private readonly catchUpBatchSize: number;
  private readonly bulkCatchUp: bigint;
  private readonly bulkBatchesPerCommit: number;
  private readonly logger: ProjectionLogger;
  private readonly waiters = new PositionWaiters();
  private checkpoints: Checkpoints | undefined;
  /** Last position applied and committed, for a runner without projections. */
  private applied = 0n;
  /** Last position applied in the open transaction (`applied` once it commits). */
  private pendingApplied = 0n;
  /** This runner's write transaction is open (a bulk catch-up holds it across batches). */
  private open = false;
  /** The catch-up under way: a second one waits for it rather than interleave its transactions. */
  private catchingUp: Promise<unknown> = Promise.resolve();
  private running: { sub: AllSubscription; done: Promise<void> } | undefined;
  private starting: Promise<void> | undefined;
  private failure: Error | undefined;

  constructor(options: ProjectionRunnerOptions) {
    this.store = options.store;
    this.db = options.db;
    this.projections = [...options.projections];
    this.names = this.projections.map((p) => p.name);
    const dup = this.names.find((n, i) => this.names.indexOf(n) !== i);
    if (dup !== undefined) throw new Error(`two projections are named "${dup}"`);
    this.metadataKeys = this.projections.every((p) => p.metadataKeys !== undefined)
      ? [...new Set(this.projections.flatMap((p) => p.metadataKeys!))]
      : undefined;
    this.fields = fieldsReadBy(this.projections);
    this.batchSize = Math.max(1, options.batchSize ?? LIVE_BATCH);
    this.catchUpBatchSize = Math.max(1, options.batchSize ?? CATCH_UP_BATCH);
    this.bulkCatchUp = BigInt(options.bulkCatchUp ?? 50_000);
    this.bulkBatchesPerCommit = Math.max(1, options.bulkBatchesPerCommit ?? BULK_BATCHES_PER_COMMIT);
    this.logger = options.logger ?? consoleLogger;
  }

  /** Last position applied by ALL projections. */
  get position(): bigint {
    return this.checkpoints?.lowest(this.names) ?? this.applied;
  }

  /** Why the runner stopped, if an apply failed. */
  get error(): Error | undefined {
    return this.failure;
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /**
   * Sets the projections up, applies the log up to its head (so a restarted server answers from read models
   * that already hold everything written before it stopped), then follows it with a subscription from there.
   */
  start(): Promise<void> {
    this.starting ??= this.startFollowing().finally(() => (this.starting = undefined));
    return this.starting;
  }

  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const running = this.running;
    if (running === undefined) return;
    await running.sub.unsubscribe();
    await running.done;
    if (this.running === running) this.running = undefined;
  }

  /** True once position >= p; false after `timeoutMs`; rejects if the runner has failed. */
  waitForPosition(p: bigint, timeoutMs: number): Promise<boolean> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.position >= p) return Promise.resolve(true);
    return this.waiters.wait(p, timeoutMs);
  }

  /** Applies everything up to the log's current head and returns the position (CLI, bench, tests). */
  async catchUp(): Promise<bigint> {
    if (this.running !== undefined) {
      await this.waitUntil(await this.store.headPosition());
      return this.position;
    }
    const done = this.catchingUp.then(() => this.catchUpOnce());
    this.catchingUp = done.catch(() => undefined);
    return done;
  }

  private async catchUpOnce(): Promise<bigint> {
    const checkpoints = this.prepare();
    this.failure = undefined;
    const head = await this.store.headPosition();
    if (this.position >= head) {
      this.finishCatchUp();
      return this.position;
    }
    const from = this.position;
    const far = this.projections.filter((p) => head - checkpoints.of(p.name) >= this.bulkCatchUp);
    if (far.length === 0) {
      await this.applyUpTo(from, head, false);
      this.finishCatchUp();
      return this.position;
    }
    // A bulk catch-up (a rebuild, or a long time away). Many batches per transaction (see
    // BULK_BATCHES_PER_COMMIT). Query-only indexes are built once at the end. Into an empty file database
    // (a fresh rebuild) it writes without the WAL and without syncs until the end, crash-safe by a marker file
    // (unjournaled-rebuild.ts), when no other connection has the file open. Otherwise it keeps the WAL, with
    // checkpoints every ~400 MB instead of every ~40 MB: each copies the pages written since the last one back
    // into the file and syncs it, and most of a rebuild's pages are written many times over. Durability is
    // then unchanged (synchronous stays as set: with synchronous = OFF a power loss could leave stale pages
    // that look consistent, and nothing would notice). The WAL is truncated after.
    const unjournaled = checkpoints.nothingApplied() ? UnjournaledRebuild.begin(this.db) : undefined;
    const deferred = far.filter((p) => (p.deferrableIndexes ?? []).length > 0);
    const autocheckpoint = this.db.pragma('wal_autocheckpoint', { simple: true }) as number;
    try {
      this.db.pragma(`wal_autocheckpoint = ${Math.max(autocheckpoint, BULK_WAL_PAGES)}`);
      this.db.transaction(() => {
        for (const p of deferred) {
          for (const index of p.deferrableIndexes!) this.db.exec(`DROP INDEX IF EXISTS "${index}"`);
        }
        for (const p of far) p.bulkCatchUpStarts?.(this.db);
      })();
      // Ends with its last batches applied and not yet committed: the end of the bulk belongs to them.
      await this.applyUpTo(from, head, true, () => unjournaled?.syncInBackground());
      this.commit();
      // In a transaction of its own, before the deferred indexes are built (they need not follow what it
      // rewrites): pages it frees that a later transaction reuses are not copied to the rollback journal, which
      // an unjournaled rebuild holds in memory (+40–50 MB peak RSS when it shared the last batches' transaction).
      this.finishCatchUp();
    } catch (e) {
      this.rollback(); // whatever committed stays: a consistent prefix of the log
      throw e;
    } finally {
      this.buildIndexes(deferred);
      this.db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
      if (unjournaled !== undefined) unjournaled.finish();
      else this.db.pragma('wal_checkpoint(TRUNCATE)');
    }
    return this.position;
  }

  /**
   * Builds the indexes a bulk catch-up deferred, in one transaction, with a small page cache: SQLite sorts an
   * index's keys in memory up to the cache size before it spills sorted runs to temporary files, so with the
   * read models' 64 MB cache the build held up to that much again on top of the cache: the peak of a rebuild's
   * RSS. With 16 MB the runs spill sooner (to temporary files, outside this process's memory): on the
   * 1,001,751-event log kernel maxRSS 383–388 → 335–337 MB, the build 0.8–1.6 s either way (noisy machine).
   */
  private buildIndexes(deferred: readonly Projection[]): void {
    if (deferred.length === 0) return;
    const cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    this.db.pragma(`cache_size = ${-INDEX_BUILD_CACHE_KIB}`);
    try {
      this.db.transaction(() => deferred.forEach((p) => p.setup(this.db)))();
    } finally {
      this.db.pragma(`cache_size = ${cacheSize}`);
    }
  }

  /**
   * One pass over the log after `from`, streamed (the store reads it a bounded page at a time), in batches.
   * A bulk one asks the store to read ahead (on another core, while this thread applies), and only the
   * metadata keys the projections read; it commits every `bulkBatchesPerCommit` batches and leaves the
   * transaction holding the last ones open, for the caller to finish and commit.
   */
  private async applyUpTo(
    from: bigint,
    head: bigint,
    bulk: boolean,
    /** After each of a bulk pass's commits (an unjournaled rebuild syncs in the background). */
    afterBulkCommit?: () => void,
  ): Promise<void> {
    const events = this.store
      .readAll({
        fromPosition: from === 0n ? 'start' : from,
        readAhead: bulk,
        metadataKeys: this.metadataKeys,
        ...(bulk && this.fields !== undefined && { fields: this.fields }),
      })
      [Symbol.asyncIterator]();
    try {
      for (let batch: RecordedEvent[] = [], weight = 0, batches = 0; ;) {
        const next = await events.next();
        if (next.done !== true) {
          batch.push(next.value);
          weight += weightOf(next.value);
        }
        const last = next.done === true || next.value.position >= head;
        if (
          batch.length > 0 &&
          (last || batch.length >= this.catchUpBatchSize || weight >= MAX_BATCH_WEIGHT)
        ) {
          this.inTransaction(() => this.applyEvents(batch));
          if (!bulk || (++batches >= this.bulkBatchesPerCommit && !last)) {
            this.commit();
            if (bulk) afterBulkCommit?.();
            batches = 0;
          }
          batch = [];
          weight = 0;
        }
        if (last) break;
      }
    } catch (e) {
      this.rollback();
      throw e;
    } finally {
      await events.return?.();
    }
  }

  /** Drops the named projections (default: all), sets them up again and replays the log into them. */
  async rebuild(names?: readonly string[]): Promise<void> {
    const selected =
      names === undefined
        ? this.projections
        : names.map((n) => {
            const p = this.projections.find((x) => x.name === n);
            if (p === undefined) throw new Error(`no projection named "${n}"`);
            return p;
          });
    const wasRunning = this.running !== undefined;
    await this.stop();
    this.prepare().reset(selected);
    this.logger.log(`rebuilding ${selected.map((p) => p.name).join(', ')} from position 0`);
    if (wasRunning) await this.start();
    else await this.catchUp();
  }

  private async startFollowing(): Promise<void> {
    if (this.running !== undefined) return;
    await this.catchUp();
    const from = this.position;
    const sub = this.store.subscribeToAll({ fromPosition: from === 0n ? 'start' : from });
    this.running = { sub, done: this.consume(sub) };
    this.logger.log(`projections ${this.names.join(', ')} following the log from position ${from}`);
  }

  private prepare(): Checkpoints {
    if (this.checkpoints === undefined) {
      const checkpoints = new Checkpoints(this.db);
      checkpoints.prepare(this.projections);
      this.checkpoints = checkpoints;
    }
    return this.checkpoints;
  }

  /** Pulls events and applies them a batch at a time: whatever is ready now, up to batchSize. */
  private async consume(sub: AllSubscription): Promise<void> {
    const iterator = sub[Symbol.asyncIterator]();
    let pending: Promise<IteratorResult<RecordedEvent>> | undefined;
    try {
      for (;;) {
        const first = await (pending ?? iterator.next());
        pending = undefined;
        if (first.done === true) return;
        const batch = [first.value];
        let weight = weightOf(first.value);
        const tick = idle();
        let ended = false;
        while (batch.length < this.batchSize && weight < MAX_BATCH_WEIGHT) {
          const next = iterator.next();
          const step = await Promise.race([next, tick]);
          if (step === IDLE) {
            pending = next; // nothing more yet: apply what we have, then wait on it
            break;
          }
          if (step.done === true) {
            ended = true;
            break;
          }
          batch.push(step.value);
          weight += weightOf(step.value);
        }
        this.applyBatch(batch);
        if (ended) return;
      }
    } catch (e) {
      this.fail(e);
      await sub.unsubscribe();
      if (this.running?.sub === sub) this.running = undefined;
    }
  }

  /**
   * One batch in one transaction, committed (following the log live). The runner is then at the head it knows,
   * so `caughtUp` runs in the same transaction: work another process's interrupted catch-up left on these read
   * models (say a CLI's, on the same file) is finished here, not only at this process's next start.
   */
  private applyBatch(batch: readonly RecordedEvent[]): void {
    this.inTransaction(() => {
      this.applyEvents(batch);
      this.caughtUp();
    });
    this.commit();
  }

  /**
   * Runs `work` in this runner's write transaction, beginning it if none is open (IMMEDIATE: the write lock
   * first, then the checkpoints re-read, so nobody else's commit can slip in between). If `work` throws,
   * everything uncommitted is rolled back and the runner fails.
   */
  private inTransaction(work: () => void): void {
    try {
      if (!this.open) {
        this.db.exec('BEGIN IMMEDIATE');
        this.open = true;
        this.prepare().refresh(this.projections);
      }
      work();
    } catch (e) {
      this.rollback();
      this.fail(e);
      throw e;
    }
  }

  /**
   * Applies the batch to every projection that handles each event and is still below it, and moves their
   * checkpoints.
   */
  private applyEvents(batch: readonly RecordedEvent[]): void {
    const checkpoints = this.prepare();
    const last = batch[batch.length - 1]!.position;
    const projections = this.projections;
    const at = projections.map((p) => checkpoints.of(p.name)); // the checkpoints move only after the batch
    for (const event of batch) {
      for (const i of this.handling.get(event.type) ?? this.handlingOf(event.type)) {
        if (event.position <= at[i]!) continue;
        const p = projections[i]!;
        try {
          p.apply(this.db, event);
        } catch (cause) {
          throw new ProjectionFailedError(p.name, event, cause);
        }
      }
    }
    this.flushHeldRows(batch);
    for (const p of this.projections) if (last > checkpoints.of(p.name)) checkpoints.write(p, last);
    if (last > this.pendingApplied) this.pendingApplied = last;
  }

  private handlingOf(type: string): readonly number[] {
    const indexes = this.projections.flatMap((p, i) =>
      p.reads === undefined || Object.hasOwn(p.reads, type) ? [i] : [],
    );
    this.handling.set(type, indexes);
    return indexes;
  }

  /** Has every projection write the rows its `apply` held back for this batch (Projection.flush). */
  private flushHeldRows(batch: readonly RecordedEvent[]): void {
    const last = batch[batch.length - 1]!;
    for (const p of this.projections) {
      if (p.flush === undefined) continue;
      try {
        p.flush(this.db, last.position);
      } catch (cause) {
        throw new ProjectionFailedError(p.name, last, cause);
      }
    }
  }

  /** Every projection is at the head: lets them finish what they left for it (Projection.caughtUp). */
  private caughtUp(): void {
    for (const p of this.projections) p.caughtUp?.(this.db);
  }

  /** `caughtUp` in a transaction of its own, after a catch-up that committed as it went. */
  private finishCatchUp(): void {
    if (!this.projections.some((p) => p.caughtUp !== undefined)) return;
    this.inTransaction(() => this.caughtUp());
    this.commit();
  }

  /** Commits the open transaction, then (only then) announces the positions it holds. */
  private commit(): void {
    if (!this.open) return;
    try {
      this.db.exec('COMMIT');
    } catch (e) {
      this.rollback();
      this.fail(e);
      throw e;
    }
    this.open = false;
    this.prepare().commit();
    if (this.pendingApplied > this.applied) this.applied = this.pendingApplied;
    this.waiters.reached(this.position);
  }

  /** Abandons the open transaction, if any, and the positions it would have announced. */
  private rollback(): void {
    if (this.open && this.db.inTransaction) this.db.exec('ROLLBACK');
    this.open = false;
    this.checkpoints?.rollback();
    this.pendingApplied = this.applied;
  }

  private fail(e: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = e instanceof Error ? e : new Error(String(e));
    this.logger.error(
      `projections stopped at position ${this.position}: ${this.failure.message}`,
      this.failure,
    );
    this.waiters.fail(this.failure);
  }

  private async waitUntil(p: bigint): Promise<void> {
    while (!(await this.waitForPosition(p, 60_000))) {
      this.logger.log(`still waiting for the projections to reach position ${p} (at ${this.position})`);
    }
  }
}
