import type { RecordedEvent } from '@subsidy/event-store/port/event-store.port';
import type { EventRef } from '../chain/fault';

/**
 * One stored event as the audit reads it: parsed, or — when a changed byte left its data or metadata unreadable
 * as JSON — only where it sits, so the fault names the event instead of the reader throwing.
 */
export type LogEntry =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  | { readonly kind: 'unreadable'; readonly ref: EventRef; readonly reason: string };

/** The log as the audit reads it, event by event (never all at once). */
export interface AuditLog {
  /** Every event after `afterPosition` (exclusive; 0 = from the start), in log order. */
  entries(afterPosition?: bigint): AsyncIterable<LogEntry>;
  /** One stream's events in revision order (none if it does not exist). */
  stream(streamId: string): AsyncIterable<LogEntry>;
  close(): void;
}
