import type { RecordedEvent } from '@subsidy/event-store/port/event-store.port';

/**
 * Recomputes an event's `metadata.hash` from its stored content and the given prevHash, exactly as the
 * hash-chain decorator computed it at append (the decorator's `expectedHash`).
 */
export type EventHasher = (event: RecordedEvent, prevHash: string) => string;
