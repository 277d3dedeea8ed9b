import {
  EventStoreDBClient,
  StreamNotFoundError as EsdbStreamNotFound,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type {
  ActualRevision,
  AllSubscription,
  AppendOptions,
  AppendResult,
  EventData,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../port/event-store.port';
import { AppendTooLargeError, StreamNotFoundError, WrongExpectedRevisionError } from '../port/errors';
import type { JsonObject, JsonValue } from '../port/json';
import { MAX_APPEND_BYTES } from '../port/limits';
import { EsdbAllSubscription } from './esdb-all-subscription';

/**
 * The production adapter for an EventStoreDB cluster. It maps the port one to one: the same expected-revision
 * kinds (the client uses the same words), typed errors, bigint revisions, and the commit position as `$all`
 * position. System events (`$`-prefixed) are never shown to the ledger.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private readonly client: EventStoreDBClient;

  constructor(options: { connectionString: string } | { client: EventStoreDBClient }) {
    this.client =
      'client' in options ? options.client : EventStoreDBClient.connectionString(options.connectionString);
  }

  async appendToStream(streamId: string, events: readonly EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    const bytes = events.reduce(
      (n, e) => n + Buffer.byteLength(JSON.stringify(e.data)) + Buffer.byteLength(JSON.stringify(e.metadata)),
      0,
    );
    if (bytes > MAX_APPEND_BYTES) throw new AppendTooLargeError(streamId, bytes, MAX_APPEND_BYTES);
    const expected = options.expectedRevision ?? 'any';
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data as never, metadata: e.metadata as never })),
        { expectedRevision: expected },
      );
      return { nextExpectedRevision: result.nextExpectedRevision, position: result.position?.commit ?? 0n };
    } catch (e) {
      if (e instanceof WrongExpectedVersionError) {
        const actual = e.actualVersion;
        const actualRevision: ActualRevision = typeof actual === 'bigint' ? actual : 'no_stream';
        throw new WrongExpectedRevisionError(streamId, expected, actualRevision);
      }
      throw e;
    }
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    try {
      const read = this.client.readStream(streamId, {
        direction: options.direction ?? 'forwards',
        fromRevision: options.fromRevision ?? ((options.direction ?? 'forwards') === 'forwards' ? 'start' : 'end'),
        ...(options.maxCount === undefined ? {} : { maxCount: BigInt(options.maxCount) }),
      });
      for await (const resolved of read) {
        const e = toRecorded(resolved);
        if (e) yield e;
      }
    } catch (e) {
      if (e instanceof EsdbStreamNotFound) throw new StreamNotFoundError(streamId);
      throw e;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const forwards = (options.direction ?? 'forwards') === 'forwards';
    const from = options.fromPosition;
    const read = this.client.readAll({
      direction: forwards ? 'forwards' : 'backwards',
      fromPosition: from === undefined || from === 'start' ? (forwards ? 'start' : 'end') : from === 'end' ? 'end' : at(from),
      ...(options.maxCount === undefined ? {} : { maxCount: BigInt(options.maxCount) + 1n }),
    });
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    for await (const resolved of read) {
      if (remaining <= 0) return;
      const e = toRecorded(resolved);
      if (!e || e.streamId.startsWith('$') || e.type.startsWith('$')) continue;
      // ESDB reads from a position inclusively; the port's checkpoints are exclusive.
      if (typeof from === 'bigint' && (forwards ? e.position <= from : e.position >= from)) continue;
      remaining -= 1;
      yield e;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    const from = options.fromPosition ?? 'start';
    return new EsdbAllSubscription(
      (after) =>
        this.client.subscribeToAll({
          fromPosition: after === 0n ? 'start' : at(after),
          filter: excludeSystemEvents(),
        }) as unknown as AsyncIterable<AllStreamResolvedEvent>,
      (resolved) => toRecorded(resolved),
      from === 'start' ? 0n : from,
    );
  }

  async headPosition(): Promise<bigint> {
    for await (const e of this.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 })) return e.position;
    return 0n;
  }

  close(): Promise<void> {
    return this.client.dispose();
  }
}

function at(position: bigint): Position {
  return { commit: position, prepare: position };
}

function toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const e = resolved.event;
  if (!e || !e.isJson) return undefined;
  return {
    id: e.id,
    type: e.type,
    streamId: e.streamId,
    revision: e.revision,
    position: e.position?.commit ?? resolved.commitPosition ?? 0n,
    recordedAt: e.created,
    data: e.data as JsonValue,
    metadata: (e.metadata ?? {}) as JsonObject,
  };
}
