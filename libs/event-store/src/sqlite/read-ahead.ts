import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RecordedEvent } from '../port/event-store.port';
import {
  IN_FLIGHT,
  STOP,
  type ReadAheadInput,
  type ReadAheadMessage,
  type ReadAheadRow,
} from './read-ahead.worker';

/**
 * A read-ahead page: at most this many events and, past the event that reaches it, characters of JSON. Small
 * pages (a quarter of the plain read's) so that a page's decoded objects and its message stay small.
 */
const PAGE_EVENTS = 250;
const PAGE_CHARS = 256 * 1024;

/**
 * Pages a thread has decoded and posted but the main thread has not used yet: eight quarter-size pages, the
 * read-ahead two 1 M-character pages gave, so about as much is alive on the main heap.
 */
const MAX_IN_FLIGHT = 8;
/**
 * A thread that reached MAX_IN_FLIGHT sleeps until the main thread has used its pages down to this many, and
 * only the page taken at that point notifies it. The main thread is the slower one in a rebuild, so its
 * readers mostly sleep: waking one for every page taken (two in flight, one page's room) cost the main thread
 * 7 % of its profile in `taken` (2.2 s), where the woken thread got the core in the middle of its work; with
 * the room of six pages it is 0.7 %, and the rebuild of the 1 M-event log went 18.3 → 16.5 s.
 */
const RESUME_AT = 2;

/** The worker file beside this one: .ts when run from source (scripts/run-ts.js, jest), .js when built. */
const WORKER_FILE = path.join(__dirname, `read-ahead.worker${path.extname(__filename)}`);

/**
 * The thread's entry. Run from source (scripts/run-ts.js, jest), the worker file is TypeScript: a worker
 * inherits neither the main thread's compiler hook nor jest's transform, and registering @swc-node there
 * would load the TypeScript compiler into every thread (the rebuild's peak RSS was ~30 MB lower without). So the main thread compiles the file with
 * SWC once (`workerSource`), and the thread runs it with a `require` that resolves from the file's place.
 */
const BOOT = `
const { workerData } = require('node:worker_threads');
if (workerData.code === undefined) {
  require(workerData.file);
} else {
  const moduleRequire = require('node:module').createRequire(workerData.file);
  const module = { exports: {} };
  new Function('require', 'module', 'exports', workerData.code)(moduleRequire, module, module.exports);
}
`;

let compiled: string | undefined;

/** The worker file as JavaScript when it is TypeScript (compiled once per process); else undefined. */
function workerSource(): string | undefined {
  if (!WORKER_FILE.endsWith('.ts')) return undefined;
  if (compiled === undefined) {
    // Required here, not imported: only a process running from source needs the compiler.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const swc = require('@swc/core') as typeof import('@swc/core');
    compiled = swc.transformSync(readFileSync(WORKER_FILE, 'utf8'), {
      filename: WORKER_FILE,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    }).code;
  }
  return compiled;
}

/**
 * Reading threads. Reading and decoding a page costs about what applying it costs when its events are small
 * (a registration, an enrollment), so one thread alone kept the main thread waiting there; two read
 * alternate ranges. On two cores they share the second one while the main thread applies, and use the
 * first too when it waits.
 */
const THREADS = 2;

/**
 * Positions per range, a thread's unit of work; a range's pages still end at PAGE_EVENTS events or
 * PAGE_CHARS characters, whichever comes first.
 */
const RANGE = 1000n;

/**
 * A thread's heap holds a page or two of decoded events (a page is ≤ ~256 K characters of JSON, more with the
 * one event that may cross the bound: a few MB of objects at most). V8's defaults, sized for the machine's memory,
 * let each thread's young generation alone grow to ~48 MB: with two threads the rebuild's peak RSS went from
 * ~350 to ~430 MB (budget 400). A 4 MB young generation cost more in scavenges than it saved.
 */
const THREAD_HEAP = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 };

/** One reading thread, and the pages it has posted that the main thread has not taken yet. */
class Reader {
  private readonly control = new Int32Array(new SharedArrayBuffer(8));
  private readonly worker: Worker;
  private readonly inbox: ReadAheadMessage[] = [];
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(input: Omit<ReadAheadInput, 'control' | 'maxInFlight' | 'resumeAt'>) {
    this.worker = new Worker(BOOT, {
      eval: true,
      resourceLimits: THREAD_HEAP,
      workerData: {
        file: WORKER_FILE,
        code: workerSource(),
        readAhead: { ...input, control: this.control, maxInFlight: MAX_IN_FLIGHT, resumeAt: RESUME_AT },
      },
    });
    this.worker.on('message', (m: ReadAheadMessage) => {
      this.inbox.push(m);
      this.signal();
    });
    this.worker.on('error', (e) => {
      this.failure ??= e;
      this.signal();
    });
    this.worker.on('exit', (code) => {
      this.failure ??= new Error(`a read-ahead thread stopped (exit code ${code}) before its end`);
      this.signal();
    });
  }

  /** The next message, in the order posted (one already delivered comes before a failure). */
  async next(): Promise<ReadAheadMessage> {
    for (;;) {
      const m = this.inbox.shift();
      if (m !== undefined) return m;
      if (this.failure !== undefined) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** A page has been used: the thread may read one more (and is woken if it sleeps and may now go on). */
  taken(): void {
    if (Atomics.sub(this.control, IN_FLIGHT, 1) === RESUME_AT + 1) Atomics.notify(this.control, IN_FLIGHT);
  }

  async stop(): Promise<void> {
    Atomics.store(this.control, STOP, 1);
    Atomics.notify(this.control, IN_FLIGHT);
    await this.worker.terminate();
  }

  private signal(): void {
    this.wake?.();
    this.wake = undefined;
  }
}

/**
 * `$all` forwards after `from` up to `to` (inclusive), read and decoded on other threads a bounded few pages
 * ahead (the runner's bulk catch-up: reading a large log costs the CPU that applying it does, so the two
 * overlap). The threads read alternate ranges of positions; their pages are taken here range by range, so
 * events come in order. Each page is one message (a structured clone of the decoded page costs the main
 * thread a fraction of what reading and parsing it would). Returning early stops the threads.
 */
export async function* readAhead(
  file: string,
  from: bigint,
  to: bigint,
  metadataKeys: readonly string[] | undefined,
  pageEvents: number,
  pageChars: number,
): AsyncGenerator<RecordedEvent> {
  if (to <= from) return;
  const keys = metadataKeys === undefined ? undefined : [...metadataKeys];
  const readers = Array.from(
    { length: THREADS },
    (_, thread) =>
      new Reader({
        file,
        from,
        to,
        rangeSize: RANGE,
        thread,
        threads: THREADS,
        metadataKeys: keys,
        pageEvents: Math.min(pageEvents, PAGE_EVENTS),
        pageChars: Math.min(pageChars, PAGE_CHARS),
      }),
  );
  try {
    for (let range = 0; ; range++) {
      const reader = readers[range % THREADS]!;
      for (;;) {
        const m = await reader.next();
        if ('error' in m) throw new Error(`reading the log ahead failed: ${m.error}`);
        if ('end' in m) return; // this range starts past `to`, and so do all after it
        for (const row of m.rows) yield toRecordedEvent(row);
        reader.taken();
        if (m.last) break;
      }
    }
  } finally {
    await Promise.all(readers.map((r) => r.stop()));
  }
}

function toRecordedEvent(row: ReadAheadRow): RecordedEvent {
  return {
    position: row[0],
    id: row[1],
    streamId: row[2],
    revision: row[3],
    type: row[4],
    data: row[5],
    metadata: row[6],
    recordedAt: new Date(row[7]),
  };
}
