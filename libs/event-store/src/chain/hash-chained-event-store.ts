import type {
  AllSubscription,
  AppendOptions,
  EventData,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../port/event-store.port';
import type { AppendOutcome } from '../port/append-outcome';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../port/errors';
import { GENESIS_HASH, recordedHash } from './event-hash';
import { chain } from './chain-events';
import { LruCache } from './lru-cache';

export interface HashChainOptions {
  /** Stream head hashes kept, keyed by stream and revision. Default 10,000. */
  readonly cacheSize?: number;
  /** Attempts for 'any' / 'stream_exists' appends, which it turns into exact ones. Default 100. */
  readonly maxAttempts?: number;
}

/**
 * Decorates any adapter with a per-stream hash chain: each appended event gets `metadata.prevHash` (the
 * previous event's hash, or 64 zeros) and `metadata.hash` (see hashEvent), so an edited, removed or
 * reordered event shows in the audit. The previous hash must be the one really stored before the new
 * events, so every append becomes one with an exact expected revision: for 'any' / 'stream_exists' it reads
 * the head and appends right after it (retrying on conflict), which callers cannot tell from the original.
 */
export class HashChainedEventStore implements EventStore {
  /** Only hashes known to be stored: read back, or written by an append the adapter says wrote them. */
  private readonly heads: LruCache<string, string>;
  private readonly maxAttempts: number;

  constructor(
    readonly inner: EventStore,
    options: HashChainOptions = {},
  ) {
    this.heads = new LruCache(options.cacheSize ?? 10_000);
    this.maxAttempts = options.maxAttempts ?? 100;
  }

  get kind(): EventStore['kind'] {
    return this.inner.kind;
  }

  appendToStream(
    streamId: string,
    events: readonly EventData[],
    options: AppendOptions = {},
  ): Promise<AppendOutcome> {
    const expected = options.expectedRevision ?? 'any';
    if (expected === 'any' || expected === 'stream_exists')
      return this.appendAtHead(streamId, events, expected);
    return this.appendExact(streamId, events, expected, undefined);
  }

  async *readStream(streamId: string, options?: ReadStreamOptions): AsyncGenerator<RecordedEvent> {
    let last: RecordedEvent | undefined;
    try {
      for await (const e of this.inner.readStream(streamId, options)) {
        last = e;
        yield e;
      }
    } finally {
      // The usual next step after loading a stream is appending right after its last event.
      if (last !== undefined) this.remember(last);
    }
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.inner.readAll(options);
  }

  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription {
    return this.inner.subscribeToAll(options);
  }

  headPosition(): Promise<bigint> {
    return this.inner.headPosition();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async appendExact(
    streamId: string,
    events: readonly EventData[],
    expected: 'no_stream' | bigint,
    knownPrevHash: string | undefined,
  ): Promise<AppendOutcome> {
    const prevHash =
      knownPrevHash ?? (expected === 'no_stream' ? GENESIS_HASH : await this.hashAt(streamId, expected));
    const first = expected === 'no_stream' ? 0n : expected + 1n;
    const chained = chain(streamId, events, first, prevHash);
    const result: AppendOutcome = await this.inner.appendToStream(streamId, chained, {
      expectedRevision: expected,
    });
    const last = chained[chained.length - 1];
    // An idempotent re-send answers success too, but the stored events may carry other metadata (a later
    // recordedAt) and so other hashes: cache only what the adapter says it wrote.
    if (result.written === true && last !== undefined) {
      this.heads.set(key(streamId, result.nextExpectedRevision), last.hash);
    }
    return result;
  }

  private async appendAtHead(
    streamId: string,
    events: readonly EventData[],
    expected: 'any' | 'stream_exists',
  ): Promise<AppendOutcome> {
    for (let attempt = 1; ; attempt++) {
      const head = await this.readHead(streamId);
      if (head === undefined && expected === 'stream_exists') {
        throw new WrongExpectedRevisionError(streamId, expected, 'no_stream');
      }
      let exact: 'no_stream' | bigint = head === undefined ? 'no_stream' : head.revision;
      let prevHash = head === undefined ? GENESIS_HASH : recordedHashOrThrow(head);
      // A re-send of events that are now the stream's tail: append them where they went the first time, so
      // the adapter's idempotence answers, as EventStoreDB's does for 'any'.
      const base = head === undefined ? -2n : head.revision - BigInt(events.length);
      if (
        head !== undefined &&
        events.length > 0 &&
        head.id === events[events.length - 1]!.id &&
        base >= -1n
      ) {
        exact = base === -1n ? 'no_stream' : base;
        prevHash = base === -1n ? GENESIS_HASH : await this.hashAt(streamId, base);
      }
      try {
        return await this.appendExact(streamId, events, exact, prevHash);
      } catch (e) {
        if (!(e instanceof WrongExpectedRevisionError)) throw e;
        if (attempt >= this.maxAttempts)
          throw new WrongExpectedRevisionError(streamId, expected, e.actualRevision);
      }
    }
  }

  /** Hash of the event at `revision`; the stream must reach it, else the append could not succeed anyway. */
  private async hashAt(streamId: string, revision: bigint): Promise<string> {
    const cached = this.heads.get(key(streamId, revision));
    if (cached !== undefined) return cached;
    const event = await this.readOne(streamId, revision);
    if (event === undefined) throw new WrongExpectedRevisionError(streamId, revision, 'no_stream');
    if (event.revision !== revision) throw new WrongExpectedRevisionError(streamId, revision, event.revision);
    this.remember(event);
    return recordedHashOrThrow(event);
  }

  private async readHead(streamId: string): Promise<RecordedEvent | undefined> {
    const head = await this.readOne(streamId, 'end');
    if (head !== undefined) this.remember(head);
    return head;
  }

  /** The event at `from` or, if the stream is shorter, its last event; undefined if there is no stream. */
  private async readOne(streamId: string, from: bigint | 'end'): Promise<RecordedEvent | undefined> {
    try {
      for await (const e of this.inner.readStream(streamId, {
        direction: 'backwards',
        fromRevision: from,
        maxCount: 1,
      })) {
        return e;
      }
      return undefined;
    } catch (e) {
      if (e instanceof StreamNotFoundError) return undefined;
      throw e;
    }
  }

  private remember(event: RecordedEvent): void {
    const hash = recordedHash(event);
    if (hash !== undefined) this.heads.set(key(event.streamId, event.revision), hash);
  }
}

function recordedHashOrThrow(event: RecordedEvent): string {
  const hash = recordedHash(event);
  if (hash === undefined) {
    throw new Error(
      `${event.streamId}@${event.revision} has no hash: it was not written through the hash chain`,
    );
  }
  return hash;
}

function key(streamId: string, revision: bigint): string {
  return `${streamId}\n${revision}`;
}
