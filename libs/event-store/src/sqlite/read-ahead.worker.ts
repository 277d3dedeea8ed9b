/**
 * A read-ahead thread (see read-ahead.ts): reads its share of `$all` (every n-th range of positions) on its
 * own read-only connection, decodes each page (JSON.parse of the data, the asked-for metadata keys) and posts
 * it to the main thread, at most `maxInFlight` pages ahead of what the main thread has used. It runs on its own
 * core while the main thread applies the pages before; SQLite's row decoding and the UTF-8 to string
 * conversion of a ~1 GB log cost more CPU than anything else in reading it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { JsonObject, JsonValue } from '../port/json';

export interface ReadAheadInput {
  readonly file: string;
  /** Exclusive, as the port's fromPosition. */
  readonly from: bigint;
  /** Inclusive: the log's head when the read began (what is appended later, the caller reads itself). */
  readonly to: bigint;
  /** The positions after `from` are cut in ranges of this many; thread k of n reads ranges k, k + n, … */
  readonly rangeSize: bigint;
  readonly thread: number;
  readonly threads: number;
  /** Metadata keys to keep; undefined: all of it. */
  readonly metadataKeys: readonly string[] | undefined;
  readonly pageEvents: number;
  readonly pageChars: number;
  /** [pages posted and not yet used by the main thread, stop]: the back-pressure, shared. */
  readonly control: Int32Array;
  readonly maxInFlight: number;
  /** Once at `maxInFlight`, the thread waits until the main thread has used pages down to this many. */
  readonly resumeAt: number;
}

/** position, id, stream_id, revision, type, data, metadata, recorded_at: what a page posts per event. */
export type ReadAheadRow = [bigint, string, string, bigint, string, JsonValue, JsonObject, number];

/** A page of one range, in order; `last` says the range has no more. `end`: no range is left for this thread. */
export type ReadAheadMessage =
  | { readonly rows: ReadAheadRow[]; readonly last: boolean }
  | { readonly end: true }
  | { readonly error: string };

/** Indexes into `control`. */
export const IN_FLIGHT = 0;
export const STOP = 1;

function run(input: ReadAheadInput, post: (m: ReadAheadMessage) => void): void {
  const db = new Database(input.file, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    // A forward scan reads each page once: a 1 MB page cache instead of better-sqlite3's 16 MB per thread.
    db.pragma('cache_size = -1024');
    const keys = input.metadataKeys ?? [];
    // `metadata -> 'key'` is the value's JSON text (NULL when absent): SQLite finds it without the whole
    // object crossing into JavaScript (~350 characters an event: ids, hashes, actor).
    const metadataColumns =
      input.metadataKeys === undefined ? 'metadata' : keys.map(() => 'metadata -> ?').join(', ');
    const stmt = db
      .prepare<unknown[], unknown[]>(
        `SELECT position, id, stream_id, revision, type, data, recorded_at, ${metadataColumns}
         FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`,
      )
      .raw(true)
      .safeIntegers(true);
    const control = input.control;
    for (let range = BigInt(input.thread); ; range += BigInt(input.threads)) {
      const low = input.from + range * input.rangeSize;
      if (low >= input.to) {
        post({ end: true });
        return;
      }
      const high = low + input.rangeSize < input.to ? low + input.rangeSize : input.to;
      for (let cursor = low; ;) {
        if (Atomics.load(control, IN_FLIGHT) >= input.maxInFlight) {
          for (let n; (n = Atomics.load(control, IN_FLIGHT)) > input.resumeAt && control[STOP] === 0;) {
            Atomics.wait(control, IN_FLIGHT, n);
          }
        }
        if (control[STOP] !== 0) return;
        const rows: ReadAheadRow[] = [];
        let chars = 0;
        let full = false;
        for (const r of stmt.iterate(...keys, cursor, high, input.pageEvents) as IterableIterator<
          unknown[]
        >) {
          const data = r[5] as string;
          let metadata: JsonObject;
          if (input.metadataKeys === undefined) {
            metadata = JSON.parse(r[7] as string) as JsonObject;
            chars += (r[7] as string).length;
          } else {
            metadata = {};
            for (let k = 0; k < keys.length; k++) {
              const v = r[7 + k] as string | null;
              if (v !== null) metadata[keys[k]!] = JSON.parse(v) as JsonValue;
            }
          }
          rows.push([
            r[0] as bigint,
            r[1] as string,
            r[2] as string,
            r[3] as bigint,
            r[4] as string,
            JSON.parse(data) as JsonValue,
            metadata,
            Number(r[6] as bigint),
          ]);
          chars += data.length;
          if (chars >= input.pageChars) {
            full = true;
            break; // leaving the loop resets the statement
          }
        }
        // The range's last page: ended by the range, not by the page's bounds, or ending at its last position
        // (no empty page is read and posted just to say so).
        const last = (!full && rows.length < input.pageEvents) || rows[rows.length - 1]![0] >= high;
        Atomics.add(control, IN_FLIGHT, 1);
        post({ rows, last });
        if (last) break;
        cursor = rows[rows.length - 1]![0];
      }
    }
  } finally {
    db.close();
  }
}

if (parentPort !== null && (workerData as { readAhead?: unknown } | undefined)?.readAhead !== undefined) {
  const port = parentPort;
  try {
    run((workerData as { readAhead: ReadAheadInput }).readAhead, (m) => port.postMessage(m));
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
}
