import type { ActualRevision, ExpectedRevision } from './event-store.port';

/** The stream is not at the revision the writer expected: someone else wrote first. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: string,
    readonly expectedRevision: ExpectedRevision,
    readonly actualRevision: ActualRevision,
  ) {
    super(
      `wrong expected revision on stream "${streamId}": expected ${String(expectedRevision)}, actual ${String(actualRevision)}`,
    );
  }
}

/** Reading a stream that has no events. */
export class StreamNotFoundError extends Error {
  override readonly name = 'StreamNotFoundError';
  constructor(readonly streamId: string) {
    super(`stream "${streamId}" not found`);
  }
}

/** An append larger than the store accepts in one atomic call (EventStoreDB's default: 1 MiB). */
export class AppendTooLargeError extends Error {
  override readonly name = 'AppendTooLargeError';
  constructor(
    readonly streamId: string,
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`append to "${streamId}" is ${bytes} bytes; at most ${maxBytes} go in one atomic append`);
  }
}

/**
 * An event id already recorded elsewhere in the log. EventStoreDB would store a second event with that id;
 * the embedded store refuses, because a reused id means a caller bug or a retry that is not a retry.
 */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(
    readonly streamId: string,
    readonly eventId: string,
  ) {
    super(`event id ${eventId} (appending to "${streamId}") is already in the log at another place`);
  }
}
