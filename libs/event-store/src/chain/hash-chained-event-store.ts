import type {
  AllSubscription,
  AppendOptions,
  AppendResult,
  EventData,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../port/event-store.port';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../port/errors';
import type { JsonObject } from '../port/json';
import { GENESIS_HASH, expectedHash } from './event-hash';

const HEAD_CACHE = 10_000;

/**
 * Makes every stream a hash chain: each appended event's metadata gets `prevHash` (the hash of the stream's
 * previous event) and `hash` (over its own canonical content and prevHash). The previous event is fixed by the
 * exact expected revision, so this works the same on EventStoreDB. `any`/`stream_exists` appends read the head
 * and append at that exact revision, retrying if another writer moves it.
 */
export class HashChainedEventStore implements EventStore {
  /** Stream → hash of the event at a revision (the last one seen), so the hot path does not re-read. */
  private readonly heads = new Map<string, { revision: bigint; hash: string }>();

  constructor(private readonly inner: EventStore) {}

  get kind(): EventStore['kind'] {
    return this.inner.kind;
  }

  /** The adapter underneath (audit tooling reads it raw). */
  get unwrapped(): EventStore {
    return this.inner;
  }

  async appendToStream(streamId: string, events: readonly EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    for (let attempt = 0; ; attempt++) {
      const exact = typeof expected === 'bigint' || expected === 'no_stream' ? expected : await this.headRevision(streamId, expected);
      try {
        return await this.appendExact(streamId, events, exact);
      } catch (e) {
        const retry = e instanceof WrongExpectedRevisionError && exact !== expected && attempt < 20;
        if (!retry) throw e;
      }
    }
  }

  private async appendExact(streamId: string, events: readonly EventData[], expected: bigint | 'no_stream'): Promise<AppendResult> {
    let prevHash = expected === 'no_stream' ? GENESIS_HASH : await this.hashAt(streamId, expected);
    let revision = expected === 'no_stream' ? 0n : expected + 1n;
    const chained: EventData[] = events.map((e) => {
      const metadata: JsonObject = { ...e.metadata, prevHash };
      delete metadata.hash;
      const hash = expectedHash({ id: e.id, streamId, revision, type: e.type, data: e.data, metadata }, prevHash);
      prevHash = hash;
      revision += 1n;
      return { ...e, metadata: { ...metadata, hash } };
    });
    const result = await this.inner.appendToStream(streamId, chained, { expectedRevision: expected });
    if (chained.length > 0) this.remember(streamId, result.nextExpectedRevision, prevHash);
    return result;
  }

  /** For `any`/`stream_exists`: the head revision to append after (no_stream when the stream is empty). */
  private async headRevision(streamId: string, expected: ExpectedRevision): Promise<bigint | 'no_stream'> {
    for await (const e of this.readBackwardsOne(streamId)) {
      this.remember(streamId, e.revision, String(e.metadata.hash ?? ''));
      return e.revision;
    }
    if (expected === 'stream_exists') throw new WrongExpectedRevisionError(streamId, expected, 'no_stream');
    return 'no_stream';
  }

  private async *readBackwardsOne(streamId: string): AsyncIterable<RecordedEvent> {
    try {
      yield* this.inner.readStream(streamId, { direction: 'backwards', fromRevision: 'end', maxCount: 1 });
    } catch (e) {
      if (!(e instanceof StreamNotFoundError)) throw e;
    }
  }

  private async hashAt(streamId: string, revision: bigint): Promise<string> {
    const known = this.heads.get(streamId);
    if (known && known.revision === revision) return known.hash;
    try {
      for await (const e of this.inner.readStream(streamId, { fromRevision: revision, maxCount: 1 })) {
        if (e.revision === revision) return String(e.metadata.hash ?? '');
      }
    } catch (e) {
      if (!(e instanceof StreamNotFoundError)) throw e;
    }
    // The stream is not at that revision: let the adapter answer with its typed error.
    return GENESIS_HASH;
  }

  private remember(streamId: string, revision: bigint, hash: string): void {
    if (this.heads.size >= HEAD_CACHE && !this.heads.has(streamId)) {
      this.heads.delete(this.heads.keys().next().value as string);
    }
    this.heads.set(streamId, { revision, hash });
  }

  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    return this.inner.readStream(streamId, options);
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
}
