import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Per-request facts that cross layers without being threaded through every call: the log position a write
 * produced (for the `Ledger-Position` header and read-your-writes).
 */
export interface RequestContext {
  /** Highest log position written while serving this request. */
  writtenPosition?: bigint;
  /** Log position the answer's data reflects (reads). */
  readPosition?: bigint;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function noteWrittenPosition(position: bigint): void {
  const ctx = requestContext.getStore();
  if (ctx && (ctx.writtenPosition === undefined || position > ctx.writtenPosition)) ctx.writtenPosition = position;
}

export function noteReadPosition(position: bigint): void {
  const ctx = requestContext.getStore();
  if (ctx) ctx.readPosition = position;
}
