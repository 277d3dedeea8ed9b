import {
  ANY,
  MaxAppendSizeExceededError,
  NO_STREAM,
  STREAM_EXISTS,
  StreamNotFoundError as EsdbStreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamRecordedEvent,
  type AppendExpectedRevision,
  type Position,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { ExpectedRevision, RecordedEvent } from '../port/event-store.port';
import type { JsonObject, JsonValue } from '../port/json';
import { AppendTooLargeError, StreamNotFoundError, WrongExpectedRevisionError } from '../port/errors';

export function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

/** System streams and events ($-prefixed: $stats, $scavenges, projections' links…) are not the ledger's. */
export function isSystemEvent(e: { readonly streamId: string; readonly type: string }): boolean {
  return e.streamId.startsWith('$') || e.type.startsWith('$');
}

/** $all order: by commit position, then prepare position. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** Our checkpoint (a commit position) as an EventStoreDB position: gRPC appends commit each event at its own prepare position. */
export function positionOf(commit: bigint): Position {
  return { commit, prepare: commit };
}

export function toRecordedEvent(
  e: EsdbRecordedEvent | AllStreamRecordedEvent,
  fallbackCommit?: bigint,
): RecordedEvent {
  const position = e.position?.commit ?? fallbackCommit;
  if (position === undefined) {
    throw new Error(
      `EventStoreDB gave no position for ${e.streamId}@${e.revision} (a server of 20.6 or later is needed)`,
    );
  }
  return {
    id: e.id,
    type: e.type,
    streamId: e.streamId,
    revision: e.revision,
    position,
    recordedAt: e.created,
    data: e.isJson ? (e.data as JsonValue) : parseBytes(e.data as Uint8Array),
    metadata: toMetadata(e.metadata),
  };
}

function toMetadata(m: unknown): JsonObject {
  if (m === undefined || m === null) return {};
  if (m instanceof Uint8Array) return m.length === 0 ? {} : (parseBytes(m) as JsonObject);
  return m as JsonObject;
}

function parseBytes(bytes: Uint8Array): JsonValue {
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as JsonValue;
}

/** EventStoreDB's append errors as the port's. */
export function mapAppendError(
  e: unknown,
  streamId: string,
  expected: ExpectedRevision,
  bytes: number,
): unknown {
  if (e instanceof WrongExpectedVersionError) {
    const actual = e.actualVersion === 'no_stream' || e.actualVersion < 0n ? 'no_stream' : e.actualVersion;
    return new WrongExpectedRevisionError(streamId, expected, actual);
  }
  if (e instanceof MaxAppendSizeExceededError)
    return new AppendTooLargeError(streamId, bytes, e.maxAppendSize);
  return e;
}

export function mapReadError(e: unknown, streamId: string): unknown {
  return e instanceof EsdbStreamNotFoundError ? new StreamNotFoundError(streamId) : e;
}
