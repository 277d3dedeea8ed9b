import type { EventStore } from '@subsidy/event-store/port/event-store.port';
import { StreamNotFoundError } from '@subsidy/event-store/port/errors';
import type { AuditLog, LogEntry } from './audit-log';

/**
 * The log read through the event store port: for EventStoreDB, whose bytes the audit cannot reach directly.
 * The hash-chained decorator passes reads through untouched, so this still sees what is stored.
 */
export class StoreAuditLog implements AuditLog {
  constructor(private readonly store: EventStore) {}

  async *entries(afterPosition = 0n): AsyncIterable<LogEntry> {
    const from = afterPosition === 0n ? 'start' : afterPosition;
    for await (const event of this.store.readAll({ fromPosition: from })) yield { kind: 'event', event };
  }

  async *stream(streamId: string): AsyncIterable<LogEntry> {
    try {
      for await (const event of this.store.readStream(streamId)) yield { kind: 'event', event };
    } catch (e) {
      if (!(e instanceof StreamNotFoundError)) throw e;
    }
  }

  close(): void {}
}
