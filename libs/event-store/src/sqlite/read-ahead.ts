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
 * Pages decoded and posted by the thread but not yet used here. Two keep the thread busy while the main
 * thread applies one (it waits only when it is ahead); each page is ≤ 1,000 events and ~1 M characters of
 * JSON, so at most ~3 pages of events are alive on the main heap.
 */
const MAX_IN_FLIGHT = 2;

/** The worker file beside this one: .ts when run from source (scripts/run-ts.js, jest), .js when built. */
const WORKER_FILE = path.join(__dirname, `read-ahead.worker${path.extname(__filename)}`);

/**
 * The thread's entry: a TypeScript worker file needs the compiler hook the main thread runs under (a worker
 * does not inherit it; jest's transform does not reach it), so it registers @swc-node, as scripts/run-ts.js.
 */
const BOOT = `
const { workerData } = require('node:worker_threads');
if (workerData.register !== undefined) require(workerData.register);
require(workerData.file);
`;

/**
 * `$all` forwards after `from`, read and decoded on another thread a bounded few pages ahead (the runner's
 * bulk catch-up: reading a large log costs about as much CPU as applying it, so the two overlap on two
 * cores). Events come in order, each page in one message (a structured clone of the decoded page costs the
 * main thread a fraction of what reading and parsing it would). Returning early stops the thread.
 */
export async function* readAhead(
  file: string,
  from: bigint,
  metadataKeys: readonly string[] | undefined,
  pageEvents: number,
  pageChars: number,
): AsyncGenerator<RecordedEvent> {
  const control = new Int32Array(new SharedArrayBuffer(8));
  const input: ReadAheadInput = {
    file,
    from,
    metadataKeys: metadataKeys === undefined ? undefined : [...metadataKeys],
    pageEvents,
    pageChars,
    control,
    maxInFlight: MAX_IN_FLIGHT,
  };
  const worker = new Worker(BOOT, {
    eval: true,
    workerData: {
      file: WORKER_FILE,
      register: WORKER_FILE.endsWith('.ts') ? require.resolve('@swc-node/register') : undefined,
      readAhead: input,
    },
  });
  const inbox: ReadAheadMessage[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const signal = () => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (m: ReadAheadMessage) => {
    inbox.push(m);
    signal();
  });
  worker.on('error', (e) => {
    failure ??= e;
    signal();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the read-ahead thread stopped (exit code ${code}) before the end of the log`);
    signal();
  });
  try {
    for (;;) {
      let m = inbox.shift();
      while (m === undefined) {
        if (failure !== undefined) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        m = inbox.shift();
      }
      if ('error' in m) throw new Error(`reading the log ahead failed: ${m.error}`);
      if ('end' in m) return;
      for (const row of m.rows) yield toRecordedEvent(row);
      Atomics.sub(control, IN_FLIGHT, 1);
      Atomics.notify(control, IN_FLIGHT);
    }
  } finally {
    Atomics.store(control, STOP, 1);
    Atomics.notify(control, IN_FLIGHT);
    await worker.terminate();
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
