import { createHash } from 'node:crypto';
import {
  deterministicUuid,
  StreamNotFoundError,
  WrongExpectedRevisionError,
  type EventStore,
  type JsonObject,
  type JsonValue,
} from '@subsidy/event-store';
import { idempotencyStream } from '@subsidy/domain/events/streams';
import type { IdempotentRequestCompleted } from '@subsidy/domain/events/ledger-events';
import { schemaVersionOf } from '@subsidy/domain/events/schema-versions';

export type IdempotentRecord = IdempotentRequestCompleted['data'];

/**
 * The first answer to each Idempotency-Key, kept in the log itself (stream `idempotency-{sha256(key)}`,
 * written with expected revision no_stream): it survives restarts and is shared by every API node.
 */
export class IdempotencyStore {
  private readonly cache = new Map<string, IdempotentRecord>();

  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date,
  ) {}

  static hashKey(key: string): string {
    return createHash('sha256').update(key).digest('hex');
  }

  async find(keyHash: string): Promise<IdempotentRecord | undefined> {
    const cached = this.cache.get(keyHash);
    if (cached) return cached;
    try {
      for await (const e of this.store.readStream(idempotencyStream(keyHash), { maxCount: 1 })) {
        const record = e.data as unknown as IdempotentRecord;
        this.remember(keyHash, record);
        return record;
      }
    } catch (e) {
      if (!(e instanceof StreamNotFoundError)) throw e;
    }
    return undefined;
  }

  /** Saves the first answer; if another node saved one first, returns that one instead. */
  async save(record: IdempotentRecord, actor: string, correlationId: string): Promise<IdempotentRecord> {
    try {
      await this.store.appendToStream(
        idempotencyStream(record.keyHash),
        [
          {
            id: deterministicUuid('idempotency', record.keyHash),
            type: 'IdempotentRequestCompleted',
            data: record as unknown as JsonValue,
            metadata: {
              schemaVersion: schemaVersionOf('IdempotentRequestCompleted'),
              actor,
              correlationId,
              causationId: correlationId,
              recordedAt: this.clock().toISOString(),
            } as JsonObject,
          },
        ],
        { expectedRevision: 'no_stream' },
      );
      this.remember(record.keyHash, record);
      return record;
    } catch (e) {
      if (!(e instanceof WrongExpectedRevisionError)) throw e;
      const first = await this.find(record.keyHash);
      if (!first) throw e;
      return first;
    }
  }

  private remember(keyHash: string, record: IdempotentRecord): void {
    if (this.cache.size >= 10_000) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(keyHash, record);
  }
}
