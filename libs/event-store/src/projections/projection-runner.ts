import type Database from 'better-sqlite3';
import type { AllSubscription, EventStore, RecordedEvent } from '../port/event-store.port';
import { Checkpoints } from './checkpoints';
import type { Projection } from './projection';

export interface ProjectionRunnerOptions {
  store: EventStore;
  db: Database.Database;
  projections: readonly Projection[];
  /** Most events applied in one transaction. */
  batchSize?: number;
  onError?: (error: unknown) => void;
}

interface Waiter {
  position: bigint;
  resolve: (reached: boolean) => void;
  timer: NodeJS.Timeout;
}

const IDLE = Symbol('idle');

/**
 * Feeds read models from a checkpointed catch-up subscription to `$all`. Events are applied in batches; each
 * batch's rows and every projection's checkpoint commit in ONE transaction, so a crash can neither skip nor
 * double-apply an event. A projection whose version changed is dropped and rebuilt from position zero.
 */
export class ProjectionRunner {
  private readonly checkpoints: Checkpoints;
  private readonly at = new Map<string, bigint>();
  private current = 0n;
  private subscription: AllSubscription | undefined;
  private loop: Promise<void> | undefined;
  private waiters: Waiter[] = [];
  private failure: unknown;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.checkpoints = new Checkpoints(options.db);
  }

  /** Lowest position every projection has applied. */
  get position(): bigint {
    return this.current;
  }

  /** Sets up tables, rebuilds projections whose version changed, and starts following the log. */
  async start(): Promise<void> {
    this.prepare();
    await this.catchUp();
    this.subscription = this.options.store.subscribeToAll({ fromPosition: this.current });
    this.loop = this.follow(this.subscription).catch((e: unknown) => {
      this.failure = e;
      this.options.onError?.(e);
      if (!this.options.onError) console.error('projection runner stopped:', e);
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.unsubscribe();
    await this.loop;
    this.subscription = undefined;
    this.loop = undefined;
  }

  /** Resolves true once every projection has applied the log up to `position`; false after `timeoutMs`. */
  waitForPosition(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.current >= position) return Promise.resolve(true);
    if (this.failure) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(false);
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Applies everything up to the log's current head, then returns the position reached (no subscription). */
  async catchUp(): Promise<bigint> {
    if (this.at.size === 0) this.prepare();
    const batchSize = this.options.batchSize ?? 1000;
    for (;;) {
      const batch: RecordedEvent[] = [];
      for await (const e of this.options.store.readAll({ fromPosition: this.current, maxCount: batchSize })) batch.push(e);
      if (batch.length === 0) return this.current;
      this.applyBatch(batch);
    }
  }

  /** Drops and rebuilds the named projections (all by default) from position zero. */
  async rebuild(names?: readonly string[]): Promise<void> {
    const running = this.subscription !== undefined;
    if (running) await this.stop();
    const { db, projections } = this.options;
    db.transaction(() => {
      for (const p of projections) {
        if (names && !names.includes(p.name)) continue;
        p.drop(db);
        p.setup(db);
        this.checkpoints.set(p.name, p.version, 0n);
        this.at.set(p.name, 0n);
      }
    })();
    this.current = this.lowest();
    if (running) await this.start();
    else await this.catchUp();
  }

  private prepare(): void {
    const { db, projections } = this.options;
    db.transaction(() => {
      for (const p of projections) {
        const saved = this.checkpoints.get(p.name);
        if (!saved || saved.version !== p.version) {
          p.drop(db);
          p.setup(db);
          this.checkpoints.set(p.name, p.version, 0n);
          this.at.set(p.name, 0n);
        } else {
          p.setup(db);
          this.at.set(p.name, saved.position);
        }
      }
    })();
    this.current = this.lowest();
  }

  private async follow(subscription: AllSubscription): Promise<void> {
    const batchSize = this.options.batchSize ?? 1000;
    const iterator = subscription[Symbol.asyncIterator]();
    let pending = iterator.next();
    for (;;) {
      let result = await pending;
      if (result.done) return;
      const batch: RecordedEvent[] = [];
      // Take what is ready now (up to a batch), then commit: a live trickle still commits at once.
      for (;;) {
        batch.push(result.value);
        pending = iterator.next();
        if (batch.length >= batchSize) break;
        const ready = await Promise.race([pending, new Promise<typeof IDLE>((r) => setImmediate(() => r(IDLE)))]);
        if (ready === IDLE || ready.done) break;
        result = ready;
      }
      this.applyBatch(batch.filter((e) => e.position > this.current || this.behind(e.position)));
    }
  }

  private behind(position: bigint): boolean {
    for (const at of this.at.values()) if (at < position) return true;
    return false;
  }

  private applyBatch(batch: readonly RecordedEvent[]): void {
    if (batch.length === 0) return;
    const { db, projections } = this.options;
    const last = batch[batch.length - 1]!.position;
    db.transaction(() => {
      for (const p of projections) {
        const from = this.at.get(p.name) ?? 0n;
        if (from >= last) continue;
        for (const e of batch) if (e.position > from) p.apply(db, e);
        this.checkpoints.set(p.name, p.version, last);
      }
    })();
    for (const p of projections) if ((this.at.get(p.name) ?? 0n) < last) this.at.set(p.name, last);
    this.current = this.lowest();
    this.release();
  }

  private lowest(): bigint {
    let low: bigint | undefined;
    for (const at of this.at.values()) if (low === undefined || at < low) low = at;
    return low ?? 0n;
  }

  private release(): void {
    const still: Waiter[] = [];
    for (const w of this.waiters) {
      if (this.current >= w.position) {
        clearTimeout(w.timer);
        w.resolve(true);
      } else still.push(w);
    }
    this.waiters = still;
  }
}
