/**
 * A read-ahead thread (see read-ahead.ts): reads its share of `$all` (every n-th range of positions) on its
 * own read-only connection, decodes each page (JSON.parse of the data, the asked-for metadata keys) and posts
 * it to the main thread, at most `maxInFlight` pages ahead of what the main thread has used. It runs on its own
 * core while the main thread applies the pages before; SQLite's row decoding and the UTF-8 to string
 * conversion of a ~1 GB log cost more CPU than anything else in reading it.
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { EventFields } from '../port/event-store.port';
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
  /** Metadata keys to keep; undefined: all of it. Not used with `fields`. */
  readonly metadataKeys: readonly string[] | undefined;
  /** What to keep of each event (the port's ReadAllOptions.fields); undefined: whole events. */
  readonly fields: Readonly<Record<string, EventFields>> | undefined;
  readonly pageEvents: number;
  readonly pageChars: number;
  /**
   * [pages posted and not yet used by the main thread, stop, messages posted]: the back-pressure, shared. The
   * main thread waits on the last when `port` holds nothing yet.
   */
  readonly control: Int32Array;
  /** Where the thread posts its messages; the main thread takes them from the other end one at a time. */
  readonly port: MessagePort;
  readonly maxInFlight: number;
  /** Once at `maxInFlight`, the thread waits until the main thread has used pages down to this many. */
  readonly resumeAt: number;
}

/**
 * Values of some keys over a page's events of one type, one array per key, an event's index within its type
 * the index into each. A key whose values are all strings crosses as indexes into the page's `strings`
 * (`s`; each distinct string once a page: a program code, a tier, an amount, a township repeat from event to
 * event); any other as the values themselves (`v`; undefined where an event lacks the key).
 */
export type Column = { readonly s: Uint32Array } | { readonly v: unknown[] };

/** How the events of one type in a page carry their data and metadata. */
export interface TypeColumns {
  /** Data as whole values (all of it asked for, or whole events). */
  readonly data?: JsonValue[];
  /** Otherwise the asked-for keys, as columns; `odd`: events whose data is not an object, with that data. */
  readonly dataKeys?: readonly string[];
  readonly dataColumns?: Column[];
  readonly odd?: Map<number, JsonValue>;
  /** Metadata: whole objects (all of it asked for), or the asked-for keys as columns. */
  readonly metadata?: JsonObject[];
  readonly metadataKeys?: readonly string[];
  readonly metadataColumns?: Column[];
}

/**
 * A page of one range, in order, column by column: a structured clone's cost on the receiving thread grows
 * with the strings and properties it makes, and that thread (the projections') is the critical path, so only
 * what is read crosses, once. `last` says the range has no more.
 */
export interface ReadAheadPage {
  readonly positions: BigInt64Array;
  /** The store's recorded_at, milliseconds. */
  readonly recordedAt: Float64Array;
  /** Each event's type, as its index into `typeNames` and `byType`. */
  readonly types: Uint16Array;
  readonly typeNames: string[];
  readonly byType: TypeColumns[];
  readonly strings: string[];
  /** Only when whole events are asked for (no `fields`). */
  readonly envelope?: { ids: string[]; streamIds: string[]; revisions: BigInt64Array };
  readonly last: boolean;
}

/** A page; `end`: no range is left for this thread. */
export type ReadAheadMessage = ReadAheadPage | { readonly end: true } | { readonly error: string };

/** Indexes into `control`. */
export const IN_FLIGHT = 0;
export const STOP = 1;
export const POSTED = 2;

/** Builds a page's columns as its events are read. */
class PageBuilder {
  private readonly positions: bigint[] = [];
  private readonly recordedAt: number[] = [];
  private readonly types: number[] = [];
  private readonly typeNames: string[] = [];
  private readonly typeIndex = new Map<string, number>();
  private readonly groups: Group[] = [];
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  private readonly envelope: { ids: string[]; streamIds: string[]; revisions: bigint[] } | undefined;

  constructor(
    private readonly fields: Readonly<Record<string, EventFields>> | undefined,
    /** The metadata keys the statement reads, in its column order; undefined: it reads the whole object. */
    private readonly metadataKeys: readonly string[] | undefined,
  ) {
    this.envelope = fields === undefined ? { ids: [], streamIds: [], revisions: [] } : undefined;
  }

  get length(): number {
    return this.positions.length;
  }

  get lastPosition(): bigint {
    return this.positions[this.positions.length - 1]!;
  }

  /** The group of `type`'s events, with what is asked of them. */
  group(type: string): Group {
    let t = this.typeIndex.get(type);
    if (t === undefined) {
      t = this.typeNames.length;
      this.typeIndex.set(type, t);
      this.typeNames.push(type);
      const asked = this.fields === undefined ? undefined : this.fields[type];
      const metadataKeys = this.fields === undefined ? this.metadataKeys : (asked?.metadata ?? []);
      this.groups.push(
        new Group(
          t,
          this.fields === undefined ? '*' : (asked?.data ?? []),
          metadataKeys,
          metadataKeys?.map((k) => this.metadataKeys!.indexOf(k)),
        ),
      );
    }
    return this.groups[t]!;
  }

  add(position: bigint, recordedAt: number, group: Group): void {
    this.positions.push(position);
    this.recordedAt.push(recordedAt);
    this.types.push(group.index);
  }

  addEnvelope(id: string, streamId: string, revision: bigint): void {
    this.envelope?.ids.push(id);
    this.envelope?.streamIds.push(streamId);
    this.envelope?.revisions.push(revision);
  }

  page(last: boolean): ReadAheadPage {
    const str = (s: string): number => {
      let i = this.stringIndex.get(s);
      if (i === undefined) {
        i = this.strings.length;
        this.strings.push(s);
        this.stringIndex.set(s, i);
      }
      return i;
    };
    const envelope = this.envelope;
    return {
      positions: BigInt64Array.from(this.positions),
      recordedAt: Float64Array.from(this.recordedAt),
      types: Uint16Array.from(this.types),
      typeNames: this.typeNames,
      byType: this.groups.map((g) => g.columns(str)),
      strings: this.strings,
      ...(envelope && {
        envelope: {
          ids: envelope.ids,
          streamIds: envelope.streamIds,
          revisions: BigInt64Array.from(envelope.revisions),
        },
      }),
      last,
    };
  }
}

/** A page's events of one type: their data and metadata as asked for. */
class Group {
  private readonly data: JsonValue[] = [];
  private readonly dataValues: unknown[][];
  private readonly odd = new Map<number, JsonValue>();
  private readonly metadata: JsonObject[] = [];
  private readonly metadataValues: unknown[][];
  private count = 0;

  constructor(
    readonly index: number,
    /** Data keys asked for, or '*'. */
    readonly dataKeys: readonly string[] | '*',
    /** Metadata keys asked for; undefined: all of it. */
    readonly metadataKeys: readonly string[] | undefined,
    /** Where each of `metadataKeys` is among the statement's metadata columns. */
    private readonly metadataAt: readonly number[] | undefined,
  ) {
    this.dataValues = dataKeys === '*' ? [] : dataKeys.map(() => []);
    this.metadataValues = (metadataKeys ?? []).map(() => []);
  }

  /** Whether this type's data is read at all (else the statement need not convert it). */
  get readsData(): boolean {
    return this.dataKeys === '*' || this.dataKeys.length > 0;
  }

  addData(data: JsonValue): void {
    const keys = this.dataKeys;
    if (keys === '*') {
      this.data.push(data);
    } else if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
      for (let k = 0; k < keys.length; k++) this.dataValues[k]!.push(data[keys[k]!]);
    } else {
      this.odd.set(this.count, data);
      for (const values of this.dataValues) values.push(undefined);
    }
    this.count++;
  }

  /** No data read (nothing asks for it): keeps the columns' indexes in step. */
  skipData(): void {
    if (this.dataKeys === '*') this.data.push({});
    else for (const values of this.dataValues) values.push(undefined);
    this.count++;
  }

  addWholeMetadata(metadata: JsonObject): void {
    this.metadata.push(metadata);
  }

  /** The asked-for metadata keys' values from the statement's columns (JSON text; null: the event has none). */
  addMetadataTexts(row: readonly unknown[], offset: number): void {
    const values = this.metadataValues;
    for (let k = 0; k < values.length; k++) {
      const text = row[offset + this.metadataAt![k]!] as string | null;
      values[k]!.push(text === null ? undefined : (JSON.parse(text) as JsonValue));
    }
  }

  columns(str: (s: string) => number): TypeColumns {
    const dataPart: Partial<TypeColumns> =
      this.dataKeys === '*'
        ? { data: this.data }
        : {
            dataKeys: this.dataKeys,
            dataColumns: this.dataValues.map((v) => columnOf(v, str)),
            ...(this.odd.size > 0 && { odd: this.odd }),
          };
    const metadataPart: Partial<TypeColumns> =
      this.metadataKeys === undefined
        ? { metadata: this.metadata }
        : {
            metadataKeys: this.metadataKeys,
            metadataColumns: this.metadataValues.map((v) => columnOf(v, str)),
          };
    return { ...dataPart, ...metadataPart };
  }
}

function columnOf(values: unknown[], str: (s: string) => number): Column {
  if (!values.every((v) => typeof v === 'string')) return { v: values };
  const indexes = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) indexes[i] = str(values[i] as string);
  return { s: indexes };
}

function run(input: ReadAheadInput, post: (m: ReadAheadMessage) => void): void {
  const db = new Database(input.file, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    // A forward scan reads each page once: a 1 MB page cache instead of better-sqlite3's 16 MB per thread.
    db.pragma('cache_size = -1024');
    const fields = input.fields;
    // The metadata keys to read: every type's asked-for ones with `fields`, else `metadataKeys`; undefined:
    // the whole object.
    const keys =
      fields === undefined
        ? input.metadataKeys
        : [...new Set(Object.values(fields).flatMap((f) => f.metadata))];
    // `metadata -> 'key'` is the value's JSON text (NULL when absent): SQLite finds it without the whole
    // object crossing into JavaScript (~350 characters an event: ids, hashes, actor). With `fields`, the data
    // of types nothing reads is not read either (NULL), nor the envelope.
    const metadataColumns = keys === undefined ? 'metadata' : keys.map(() => 'metadata -> ?').join(', ');
    const readData =
      fields === undefined ? [] : Object.keys(fields).filter((t) => fields[t]!.data.length > 0);
    const dataColumn =
      fields === undefined
        ? 'data'
        : `CASE WHEN type IN (${readData.map(() => '?').join(', ')}) THEN data END`;
    const envelopeColumns = fields === undefined ? 'id, stream_id, revision' : 'NULL, NULL, NULL';
    const stmt = db
      .prepare<unknown[], unknown[]>(
        `SELECT position, ${envelopeColumns}, type, ${dataColumn}, recorded_at${keys?.length === 0 ? '' : `, ${metadataColumns}`}
         FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`,
      )
      .raw(true)
      .safeIntegers(true);
    const parameters = [...readData, ...(keys ?? [])];
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
        const page = new PageBuilder(fields, keys);
        let chars = 0;
        let full = false;
        for (const r of stmt.iterate(...parameters, cursor, high, input.pageEvents) as IterableIterator<
          unknown[]
        >) {
          const group = page.group(r[4] as string);
          page.add(r[0] as bigint, Number(r[6] as bigint), group);
          page.addEnvelope(r[1] as string, r[2] as string, r[3] as bigint);
          const data = r[5] as string | null;
          if (data !== null && group.readsData) {
            group.addData(JSON.parse(data) as JsonValue);
            chars += data.length;
          } else {
            group.skipData();
          }
          if (keys === undefined) {
            group.addWholeMetadata(JSON.parse(r[7] as string) as JsonObject);
            chars += (r[7] as string).length;
          } else {
            group.addMetadataTexts(r, 7);
          }
          if (chars >= input.pageChars) {
            full = true;
            break; // leaving the loop resets the statement
          }
        }
        // The range's last page: ended by the range, not by the page's bounds, or ending at its last position
        // (no empty page is read and posted just to say so).
        const last = (!full && page.length < input.pageEvents) || page.lastPosition >= high;
        Atomics.add(control, IN_FLIGHT, 1);
        post(page.page(last));
        if (last) break;
        cursor = page.lastPosition;
      }
    }
  } finally {
    db.close();
  }
}

if ((workerData as { readAhead?: unknown } | undefined)?.readAhead !== undefined) {
  const input = (workerData as { readAhead: ReadAheadInput }).readAhead;
  const post = (m: ReadAheadMessage): void => {
    input.port.postMessage(m);
    Atomics.add(input.control, POSTED, 1);
    Atomics.notify(input.control, POSTED);
  };
  try {
    run(input, post);
  } catch (e) {
    post({ error: e instanceof Error ? e.message : String(e) });
  }
  input.port.close();
}
