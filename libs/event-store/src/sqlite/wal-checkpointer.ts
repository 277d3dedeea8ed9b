import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/**
 * Pages of WAL at which a connection checkpoints inside a commit if the checkpointer has not (SQLite's own
 * automatic checkpoint, kept as a safety net: the WAL stays bounded even if the worker dies or lags).
 */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 8000;

/** Bytes of rows appended between two checkpoint requests (about a quarter of a second of enrollments). */
const DEFAULT_EVERY_BYTES = 256 * 1024;

/**
 * The worker's side: its own connection to the file, running a PASSIVE checkpoint per request, or on its own
 * timer once asked to (`every`; it reports the checkpoints that copied something). PASSIVE never
 * waits for the writer or readers; it copies what it can, and the writer restarts the WAL from its beginning
 * once everything in it has been copied, so the file stays small. Its syncs (WAL before copying, database
 * after) are SQLite's own under `synchronous = FULL`.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 5000 });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = FULL');
let timer;
function checkpoint() {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    return { done: true, copied: r.checkpointed > 0 };
  } catch (e) {
    return { error: String((e && e.message) || e) };
  }
}
parentPort.on('message', (m) => {
  if (m === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
    return;
  }
  if (m && m.every) {
    clearInterval(timer);
    timer = setInterval(() => {
      const r = checkpoint();
      if (r.error !== undefined || r.copied) parentPort.postMessage({ ...r, periodic: true });
    }, m.every);
    return;
  }
  parentPort.postMessage(checkpoint());
});
`;

/**
 * Copies the log's WAL back into the database file from a worker thread, so that no append waits for it.
 * SQLite's automatic checkpoint runs inside whichever commit takes the WAL past its limit: on the API's one
 * thread that commit (and every request waiting behind it) stalls while a few megabytes are written and
 * synced twice. Durability is unchanged: each commit still syncs the WAL before it returns; a checkpoint only
 * moves committed pages into the main file.
 *
 * Started at the first sizeable write (a store that appends little never starts a thread) or by `start()`,
 * asked for a checkpoint every `everyBytes` of appended rows, one request at a time.
 */
export class WalCheckpointer {
  private worker: Worker | undefined;
  private pending = 0;
  private busy = false;
  private failed = false;
  private idleWaiters: Array<() => void> = [];
  private periodicWaiters: Array<() => void> = [];

  constructor(
    private readonly file: string,
    private readonly everyBytes: number = DEFAULT_EVERY_BYTES,
  ) {}

  /** Starts the thread now if it is not running, so that no later write waits while it starts. */
  start(): void {
    if (this.failed) return;
    this.worker ??= this.spawn();
  }

  /** After a commit that appended rows of about `bytes` bytes. */
  wrote(bytes: number): void {
    this.pending += bytes;
    if (this.busy || this.failed || this.pending < this.everyBytes) return;
    this.pending = 0;
    this.busy = true;
    (this.worker ??= this.spawn()).postMessage('checkpoint');
  }

  /**
   * From now on checkpoints every `intervalMs` on the worker's own timer: for a database whose writer does not
   * report its writes (the read models, written by the projection runner).
   */
  every(intervalMs: number): void {
    if (this.failed) return;
    (this.worker ??= this.spawn()).postMessage({ every: intervalMs });
  }

  /**
   * Runs one checkpoint on the thread now (starting the thread if it is not running) and resolves once it is
   * done; at once if the thread has failed. A server awaits this before it serves: a thread's start takes
   * ~60 ms of a core and the first checkpoint after a catch-up copies tens of MB, and on two cores both landed
   * on the first requests (the asOf bench's slowest answers waited ~4 ms each, runnable but not running).
   */
  async checkpointNow(): Promise<void> {
    while (this.busy) await this.idle();
    if (this.failed) return;
    this.pending = 0;
    this.busy = true;
    (this.worker ??= this.spawn()).postMessage('checkpoint');
    await this.idle();
  }

  /** True once the thread has been started (and has not stopped or failed). */
  get started(): boolean {
    return this.worker !== undefined;
  }

  /** Resolves after the next timed checkpoint that copied pages into the database file (tests). */
  nextTimedCheckpoint(): Promise<void> {
    return new Promise((resolve) => this.periodicWaiters.push(resolve));
  }

  /** Resolves once no checkpoint is running (tests). */
  idle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.failed = true;
    if (worker === undefined) return;
    const exited = once(worker, 'exit');
    // Unref'd, the worker would not keep the process alive until it exits: a program whose last step is
    // awaiting close() (a bench scenario, a CLI command printing after it) would end there, silently.
    worker.ref();
    worker.postMessage('stop');
    await exited;
    this.settle();
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), file: this.file },
    });
    // Never what keeps a process alive: the commits' own syncs make the log durable.
    worker.unref();
    worker.on('message', (m: { done?: true; error?: string; periodic?: true }) => {
      // A failed checkpoint (e.g. the disk is full) is tried again at the next request or tick; the fallback
      // limit still bounds the WAL meanwhile.
      if (m.error !== undefined) process.emitWarning(`WAL checkpoint failed: ${m.error}`);
      if (m.periodic) {
        if (m.done) for (const w of this.periodicWaiters.splice(0)) w();
      } else this.settle();
    });
    worker.on('error', (e: unknown) => {
      // The worker is gone: commits checkpoint by themselves again (the fallback limit).
      process.emitWarning(`WAL checkpointer stopped: ${String(e)}`);
      this.failed = true;
      this.worker = undefined;
      this.settle();
    });
    return worker;
  }

  private settle(): void {
    this.busy = false;
    for (const w of this.idleWaiters.splice(0)) w();
    if (this.worker === undefined) for (const w of this.periodicWaiters.splice(0)) w();
  }
}
