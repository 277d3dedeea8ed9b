import type { ExpectedRevision } from '../port/event-store.port';

/** Does a stream whose last revision is `current` (undefined: no stream) satisfy `expected`? */
export function satisfies(expected: ExpectedRevision, current: bigint | undefined): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === undefined;
    case 'stream_exists':
      return current !== undefined;
    default:
      return current === expected;
  }
}

/** The revision after which an exact expectation places its events: -1 for no_stream. */
export function exactBase(expected: ExpectedRevision): bigint | undefined {
  if (expected === 'no_stream') return -1n;
  return typeof expected === 'bigint' ? expected : undefined;
}
