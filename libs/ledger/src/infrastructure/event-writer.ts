import type {
  AppendResult,
  EventData,
  EventStore,
  ExpectedRevision,
  JsonObject,
  JsonValue,
} from '@subsidy/event-store';
import { deterministicUuid, uuidv7, type CommandContext, type EventMetadata } from '@subsidy/event-store';
import { schemaVersionOf } from '@subsidy/domain/events/schema-versions';
import { noteWrittenPosition } from '../context/request-context';

/** A domain event before it is recorded: the deciders return these. */
export interface NewEvent {
  type: string;
  data: unknown;
}

/**
 * Turns domain events into recorded facts: the envelope (who, when, why, schema version), ids (derived from
 * the idempotency key when there is one, so a retry lands on the same ids), and the request's position.
 */
export class EventWriter {
  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date,
  ) {}

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
    context: CommandContext,
    /** Distinguishes several appends of one command (chunks of a draft) in derived ids. */
    part = 0,
  ): Promise<AppendResult> {
    const data = this.eventData(streamId, events, context, part, this.clock().toISOString());
    const result = await this.store.appendToStream(streamId, data, { expectedRevision });
    noteWrittenPosition(result.position);
    return result;
  }

  /**
   * Several commands' events in ONE append (one durable transaction, one round trip), in the order given:
   * each event carries its own command's envelope, and its id is derived as if its command had appended
   * alone. The position noted and answered is that of the append's last event.
   */
  async appendAll(
    streamId: string,
    parts: ReadonlyArray<{ events: readonly NewEvent[]; context: CommandContext }>,
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    const recordedAt = this.clock().toISOString();
    const data = parts.flatMap((p) => this.eventData(streamId, p.events, p.context, 0, recordedAt));
    const result = await this.store.appendToStream(streamId, data, { expectedRevision });
    noteWrittenPosition(result.position);
    return result;
  }

  private eventData(
    streamId: string,
    events: readonly NewEvent[],
    context: CommandContext,
    part: number,
    recordedAt: string,
  ): EventData[] {
    return events.map((e, i) => ({
      id: context.idempotencyKey
        ? deterministicUuid(context.idempotencyKey, streamId, String(part), String(i))
        : uuidv7(),
      type: e.type,
      data: e.data as JsonValue,
      metadata: this.metadata(e.type, context, recordedAt) as unknown as JsonObject,
    }));
  }

  private metadata(type: string, ctx: CommandContext, recordedAt: string): EventMetadata {
    const meta: EventMetadata = {
      schemaVersion: schemaVersionOf(type),
      actor: ctx.actor,
      correlationId: ctx.correlationId,
      causationId: ctx.causationId,
      recordedAt,
    };
    if (ctx.reason !== undefined) meta.reason = ctx.reason;
    if (ctx.idempotencyKey !== undefined) meta.idempotencyKey = ctx.idempotencyKey;
    return meta;
  }
}
