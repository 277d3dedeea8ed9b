import type { RecordedEvent } from '@subsidy/event-store';
import { upcast, type DomainEvent } from '@subsidy/domain/events/upcast';

/** A recorded event as the deciders see it: its data upcast to the current schema version. */
export function toDomainEvent(event: RecordedEvent): DomainEvent {
  const version = (event.metadata as { schemaVersion?: unknown }).schemaVersion;
  return upcast(event.type, event.data, typeof version === 'number' ? version : undefined);
}
