// Atomics.waitAsync: Node 20 has it; the project's lib (ES2023) does not declare it.
/// <reference lib="es2024.sharedmemory" />
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { EventFields, RecordedEvent } from '../port/event-store.port';
import type { JsonObject, JsonValue } from '../port/json';
import {
  IN_FLIGHT,
  POSTED,
  STOP,
  type Column,
  type ReadAheadInput,
  type ReadAheadMessage,
  type ReadAheadPage,
} from './read-ahead.worker';

/**
 * A read-ahead page: at most this many events and, past the event that reaches it, characters of JSON. Small
 * pages (a quarter of the plain read's) so that a page's decoded objects and its message stay small.
 */
const PAGE_EVENTS = 250;
const PAGE_CHARS = 256 * 1024;

/**
 * Pages a thread has decoded and posted but the main thread has not used yet. They wait serialised in the
 * thread's port, not decoded on the main heap (Reader.port), so the room is cheap: 24 pages of 250 events.
 */
const MAX_IN_FLIGHT = 24;
/**
 * A thread that reached MAX_IN_FLIGHT sleeps until the main thread has used its pages down to this many, and
 * only the page taken at that point notifies it. The main thread is the slower one on average, so its readers
 * mostly sleep: waking one for every page taken (two in flight, one page's room) cost the main thread 7 % of
 * its profile in `taken` (2.2 s), where the woken thread got the core in the middle of its work; with the room
 * of six pages it was 0.7 %. But at 8 in flight, woken with 2 left (~500 events, a few ms of applying), a
 * thread that then shared the second core with the other one kept the main thread waiting ~1.1 s of an ~11 s
 * rebuild (event-loop idle time), ~10 % of every half second, and so did the main thread's own stalls (commits,
 * an approval's splits), during which both threads had filled their room and slept. Woken with 8 left and
 * 16 pages' room, the wait was ~0.4-1.2 s instead of ~1.1-2.5 s in the same runs.
 */
const RESUME_AT = 8;

/**
 * Pages taken from a port without waiting do not turn the event loop, so while the threads keep ahead the
 * catch-up would hold it for the whole pass; every this many pages it lets a turn run (timers, I/O callbacks:
 * a background sync's completion, a served request).
 */
const TURN_EVERY = 16;

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
  private readonly control = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  private readonly worker: Worker;
  /**
   * The thread's messages, taken one at a time when needed (receiveMessageOnPort): a page waits there as the
   * thread serialised it, not as objects on this thread's heap, and is taken without a turn of the event loop.
   */
  private readonly port: MessagePort;
  private failure: Error | undefined;
  private readonly failed: Promise<void>;
  private fail!: () => void;

  constructor(input: Omit<ReadAheadInput, 'control' | 'port' | 'maxInFlight' | 'resumeAt'>) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.failed = new Promise<void>((resolve) => (this.fail = resolve));
    this.worker = new Worker(BOOT, {
      eval: true,
      resourceLimits: THREAD_HEAP,
      workerData: {
        file: WORKER_FILE,
        code: workerSource(),
        readAhead: {
          ...input,
          control: this.control,
          port: port2,
          maxInFlight: MAX_IN_FLIGHT,
          resumeAt: RESUME_AT,
        },
      },
      transferList: [port2],
    });
    this.worker.on('error', (e) => {
      this.failure ??= e;
      this.fail();
    });
    this.worker.on('exit', (code) => {
      this.failure ??= new Error(`a read-ahead thread stopped (exit code ${code}) before its end`);
      this.fail();
    });
  }

  /** The next message, in the order posted (one already posted comes before a failure). */
  async next(): Promise<ReadAheadMessage> {
    for (;;) {
      // Read before looking, so that a message posted after the look changes it and the wait returns at once.
      const posted = Atomics.load(this.control, POSTED);
      const m = receiveMessageOnPort(this.port);
      if (m !== undefined) return m.message as ReadAheadMessage;
      if (this.failure !== undefined) throw this.failure;
      const wait = Atomics.waitAsync(this.control, POSTED, posted);
      if (wait.async) await Promise.race([wait.value, this.failed]);
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
    this.port.close();
    Atomics.notify(this.control, POSTED); // a wait a failure won leaves nothing behind
  }
}

export interface ReadAheadOptions {
  readonly file: string;
  /** Exclusive, as the port's fromPosition. */
  readonly from: bigint;
  /** The last position read ahead: the head when the first event is asked for. */
  readonly head: () => bigint;
  readonly metadataKeys: readonly string[] | undefined;
  readonly fields: Readonly<Record<string, EventFields>> | undefined;
  readonly pageEvents: number;
  readonly pageChars: number;
  /** The events after the head (appended since), read on this thread. */
  readonly after: (head: bigint) => AsyncIterator<RecordedEvent>;
}

/**
 * `$all` forwards after `from`, up to the head read ahead and decoded on other threads a bounded few pages
 * ahead (the runner's bulk catch-up: reading a large log costs the CPU that applying it does, so the two
 * overlap), then what `after` gives. The threads read alternate ranges of positions; their pages are taken
 * here range by range, so events come in order. Each page is one message (a structured clone of the decoded
 * page costs the main thread a fraction of what reading and parsing it would). Returning early stops the
 * threads.
 */
export function readAhead(options: ReadAheadOptions): AsyncGenerator<RecordedEvent> {
  return new ReadAhead(options);
}

/**
 * readAhead's iterator. Not an async generator: a million events each passed through one (and through the
 * store's readAll delegating to it) cost the main thread ~0.3 s more than handing out a decoded page's events
 * from an array.
 */
class ReadAhead implements AsyncGenerator<RecordedEvent> {
  /** The current page's events, handed out from `next`. */
  private events: RecordedEvent[] = [];
  private next_ = 0;
  private readers: Reader[] | undefined;
  private range = 0;
  private head = 0n;
  /** After the head: `after`'s events. */
  private rest: AsyncIterator<RecordedEvent> | undefined;
  private finished = false;
  /** Pages taken, for TURN_EVERY. */
  private pages = 0;
  /** A `next` still waiting for a page: a later one waits for it. */
  private pending: Promise<IteratorResult<RecordedEvent>> | undefined;

  constructor(private readonly options: ReadAheadOptions) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }

  next(): Promise<IteratorResult<RecordedEvent>> {
    if (this.pending !== undefined) return this.pending.then(this.retry, this.retry);
    if (this.next_ < this.events.length)
      return Promise.resolve({ value: this.events[this.next_++]!, done: false });
    const p = this.advance().finally(() => {
      if (this.pending === p) this.pending = undefined;
    });
    this.pending = p;
    return p;
  }

  async return(): Promise<IteratorResult<RecordedEvent>> {
    await this.pending?.catch(() => undefined);
    await this.finish();
    return { value: undefined, done: true };
  }

  async throw(e: unknown): Promise<IteratorResult<RecordedEvent>> {
    await this.return();
    throw e;
  }

  private readonly retry = (): Promise<IteratorResult<RecordedEvent>> => this.next();

  /** The next event once the current page is used up: the next page's first, or after the head. */
  private async advance(): Promise<IteratorResult<RecordedEvent>> {
    try {
      for (;;) {
        if (this.next_ < this.events.length) return { value: this.events[this.next_++]!, done: false };
        if (this.rest !== undefined) return await this.rest.next();
        if (this.finished) return { value: undefined, done: true };
        const readers = this.readers ?? this.start();
        if (readers.length === 0) {
          this.rest = this.options.after(this.head);
          continue;
        }
        if (++this.pages % TURN_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        const reader = readers[this.range % THREADS]!;
        const m = await reader.next();
        if ('error' in m) throw new Error(`reading the log ahead failed: ${m.error}`);
        if ('end' in m) {
          // This range starts past the head, and so do all after it.
          await this.stopReaders();
          this.readers = [];
          continue;
        }
        this.events = eventsOf(m);
        this.next_ = 0;
        reader.taken();
        if (m.last) this.range++;
      }
    } catch (e) {
      await this.finish();
      throw e;
    }
  }

  private start(): Reader[] {
    const { file, from, metadataKeys, fields, pageEvents, pageChars } = this.options;
    const to = this.options.head();
    this.head = to > from ? to : from;
    if (to <= from) return (this.readers = []);
    // Plain copies (what a thread is given is cloned; a caller's objects may be anything).
    const keys = metadataKeys === undefined ? undefined : [...metadataKeys];
    const asked =
      fields === undefined
        ? undefined
        : Object.fromEntries(
            Object.entries(fields).map(([type, f]): [string, EventFields] => [
              type,
              { data: f.data === '*' ? '*' : [...f.data], metadata: [...f.metadata] },
            ]),
          );
    return (this.readers = Array.from(
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
          fields: asked,
          pageEvents: Math.min(pageEvents, PAGE_EVENTS),
          pageChars: Math.min(pageChars, PAGE_CHARS),
        }),
    ));
  }

  private async stopReaders(): Promise<void> {
    const readers = this.readers ?? [];
    this.readers = [];
    await Promise.all(readers.map((r) => r.stop()));
  }

  private async finish(): Promise<void> {
    this.finished = true;
    this.events = [];
    this.next_ = 0;
    const rest = this.rest;
    this.rest = undefined;
    await this.stopReaders();
    await rest?.return?.();
  }
}

/** With `fields`, the envelope an event's reader said it does not read (the port allows these). */
const NO_REVISION = -1n;

/** A page's events, built from its columns. */
function eventsOf(page: ReadAheadPage): RecordedEvent[] {
  const { positions, recordedAt, types, typeNames, byType, strings, envelope } = page;
  const events = new Array<RecordedEvent>(positions.length);
  const seen = new Uint32Array(typeNames.length); // events of each type so far: the index into its columns
  for (let i = 0; i < positions.length; i++) {
    const t = types[i]!;
    const c = byType[t]!;
    const j = seen[t]++;
    events[i] = {
      position: positions[i]!,
      id: envelope === undefined ? '' : envelope.ids[i]!,
      streamId: envelope === undefined ? '' : envelope.streamIds[i]!,
      revision: envelope === undefined ? NO_REVISION : envelope.revisions[i]!,
      type: typeNames[t]!,
      data:
        c.data !== undefined
          ? c.data[j]!
          : c.odd !== undefined && c.odd.has(j)
            ? c.odd.get(j)!
            : objectOf(c.dataKeys!, c.dataColumns!, j, strings),
      metadata:
        c.metadata !== undefined ? c.metadata[j]! : objectOf(c.metadataKeys!, c.metadataColumns!, j, strings),
      recordedAt: new Date(recordedAt[i]!),
    };
  }
  return events;
}

/** The `j`-th event's object of `keys` from their columns (a key it lacks is left out). */
function objectOf(
  keys: readonly string[],
  columns: readonly Column[],
  j: number,
  strings: string[],
): JsonObject {
  const o: JsonObject = {};
  for (let k = 0; k < keys.length; k++) {
    const column = columns[k]!;
    if ('s' in column) {
      o[keys[k]!] = strings[column.s[j]!]!;
    } else {
      const v = column.v[j];
      if (v !== undefined) o[keys[k]!] = v as JsonValue;
    }
  }
  return o;
}
