import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  jsonEvent,
  type JSONType,
} from '@eventstore/db-client';
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
import { assertAppendSize, serializeEvent, type SerializedEvent } from '../port/append-limit';
import { StreamNotFoundError } from '../port/errors';
import {
  comparePositions,
  isSystemEvent,
  mapAppendError,
  mapReadError,
  positionOf,
  toEsdbExpected,
  toRecordedEvent,
} from './esdb-mapping';
import { EsdbAllSubscription, type SubscriptionRetryListener } from './esdb-all-subscription';

export interface EventStoreDbEventStoreOptions {
  /** e.g. `esdb://admin:changeit@localhost:2113?tls=false` — reading `$all` needs an admin (or ops) user. */
  readonly connectionString: string;
  /** Told each time a subscription is taken up again after a failure (for logs). */
  readonly onSubscriptionRetry?: SubscriptionRetryListener;
}

/** Events per `$all` read call: a long log is paged, each page a bounded gRPC stream. */
const PAGE = 1000;

/** The port over EventStoreDB (gRPC client): positions are commit positions; system events are left out. */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<EsdbAllSubscription>();

  constructor(private readonly options: EventStoreDbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
  }

  async appendToStream(
    streamId: string,
    events: readonly EventData[],
    options: AppendOptions = {},
  ): Promise<AppendOutcome> {
    const expected = options.expectedRevision ?? 'any';
    const serialized: SerializedEvent[] = events.map(serializeEvent);
    assertAppendSize(streamId, serialized);
    const bytes = serialized.reduce(
      (n, e) => n + Buffer.byteLength(e.data) + Buffer.byteLength(e.metadata),
      0,
    );
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) =>
          jsonEvent({ id: e.id, type: e.type, data: e.data as JSONType, metadata: e.metadata }),
        ),
        { expectedRevision: toEsdbExpected(expected) },
      );
      // Older servers answer an idempotent re-send without a position: look up the event's.
      const position =
        result.position?.commit ?? (await this.positionOfRevision(streamId, result.nextExpectedRevision));
      return { nextExpectedRevision: result.nextExpectedRevision, position };
    } catch (e) {
      throw mapAppendError(e, streamId, expected, bytes);
    }
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 'end' : 'start');
    const wanted = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: from === 'start' ? START : from === 'end' ? END : from,
      // One event even when none are wanted, so a missing stream still says so.
      maxCount: Math.max(1, wanted),
    });
    try {
      for await (const resolved of read) {
        if (wanted <= 0) return;
        if (resolved.event !== undefined) yield toRecordedEvent(resolved.event, resolved.commitPosition);
      }
    } catch (e) {
      throw mapReadError(e, streamId);
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    const from = options.fromPosition ?? (backwards ? 'end' : 'start');
    if ((backwards && from === 'start') || (!backwards && from === 'end')) return;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    const bound = typeof from === 'bigint' ? from : undefined;
    let cursor = typeof from === 'bigint' ? positionOf(from) : undefined;
    while (remaining > 0) {
      let received = 0;
      const page = this.client.readAll({
        direction: backwards ? BACKWARDS : FORWARDS,
        fromPosition: cursor ?? (backwards ? END : START),
        maxCount: PAGE,
      });
      const pageStart = cursor;
      for await (const resolved of page) {
        received++;
        const e = resolved.event;
        if (e === undefined) continue;
        // Reads from a position may include the event at it: the port's positions are exclusive.
        if (pageStart !== undefined) {
          const c = comparePositions(e.position, pageStart);
          if (backwards ? c >= 0 : c <= 0) continue;
        }
        if (bound !== undefined && (backwards ? e.position.commit >= bound : e.position.commit <= bound))
          continue;
        cursor = e.position;
        if (isSystemEvent(e)) continue;
        yield toRecordedEvent(e);
        if (--remaining <= 0) break;
      }
      if (received < PAGE || remaining <= 0 || cursor === pageStart) return;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    const from = options.fromPosition ?? 'start';
    const sub = new EsdbAllSubscription(
      this.client,
      from === 'start' ? undefined : from,
      (s) => this.subscriptions.delete(s),
      this.options.onSubscriptionRetry,
    );
    this.subscriptions.add(sub);
    return sub;
  }

  async headPosition(): Promise<bigint> {
    for await (const e of this.readAll({ direction: 'backwards', maxCount: 1 })) return e.position;
    return 0n;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.unsubscribe()));
    await this.client.dispose();
  }

  private async positionOfRevision(streamId: string, revision: bigint): Promise<bigint> {
    for await (const e of this.readStream(streamId, {
      direction: 'backwards',
      fromRevision: revision,
      maxCount: 1,
    })) {
      return e.position;
    }
    throw new StreamNotFoundError(streamId);
  }
}
