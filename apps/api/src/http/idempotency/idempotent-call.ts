import type { HttpServer } from '@nestjs/common';
import { DomainError } from '@subsidy/domain/shared/domain-error';
import type { IdempotencyStore, IdempotentRecord } from '@subsidy/ledger/idempotency/idempotency-store';
import { requestContext, type RequestContext } from '@subsidy/ledger/context/request-context';
import { LEDGER_POSITION_HEADER } from '../position/ledger-position.middleware';

/** What one keyed request is, as IdempotencyGuard saw it before validation. */
export interface KeyedRequest {
  readonly keyHash: string;
  /** SHA-256 of the user, method, path and body: "the same request". */
  readonly bodyHash: string;
  /** The route's status (its @HttpCode), kept with the answer. */
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly actor: string;
  readonly correlationId: string;
  /** The adapter's response object: a replay sets its status and headers through the adapter. */
  readonly response: unknown;
}

/**
 * The Idempotency-Key protocol around one keyed request's handler: the same key with the same request returns
 * the first answer and records nothing new; with another request → 409. Only successful answers are kept: a
 * refused request recorded nothing, so a retry is judged afresh.
 */
export class IdempotentCall {
  constructor(
    private readonly request: KeyedRequest,
    private readonly store: IdempotencyStore,
    private readonly adapter: HttpServer,
    /** Per key, the keyed request being served in this process (shared by every call). */
    private readonly inFlight: Map<string, Promise<unknown>>,
  ) {}

  async run(handle: () => Promise<unknown>): Promise<unknown> {
    const { keyHash } = this.request;
    // One request per key at a time in this process; across nodes, derived event ids make the retry land on
    // the events already written.
    while (this.inFlight.has(keyHash)) await this.inFlight.get(keyHash)!.catch(() => undefined);
    const work = this.serve(handle);
    this.inFlight.set(keyHash, work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(keyHash);
    }
  }

  private async serve(handle: () => Promise<unknown>): Promise<unknown> {
    const r = this.request;
    const first = await this.store.find(r.keyHash);
    if (first) return this.replay(first);
    const body = await handle();
    const position = requestContext.getStore()?.writtenPosition ?? 0n;
    const saved = await this.store.save(
      {
        keyHash: r.keyHash,
        method: r.method,
        path: r.path,
        bodyHash: r.bodyHash,
        status: r.status,
        response: (body ?? null) as never,
        position: position.toString(),
      },
      r.actor,
      r.correlationId,
    );
    if (saved.bodyHash !== r.bodyHash) throw idempotencyConflict();
    return body;
  }

  private replay(first: IdempotentRecord): unknown {
    if (first.bodyHash !== this.request.bodyHash) throw idempotencyConflict();
    const res = this.request.response;
    this.adapter.status(res, first.status);
    this.adapter.setHeader(res, LEDGER_POSITION_HEADER, first.position);
    this.adapter.setHeader(res, 'Idempotent-Replayed', 'true');
    return first.response;
  }
}

export function idempotencyConflict(): DomainError {
  return new DomainError('conflict', 'this Idempotency-Key was already used with a different request', [
    { field: 'Idempotency-Key', message: 'already used with a different request body' },
  ]);
}

/**
 * The guard hands a keyed request's call to its handler through the request's context (the guard and the
 * handler run in it, adapter-neutral); a request without a key has none.
 */
const calls = new WeakMap<RequestContext, IdempotentCall>();

export function handOver(call: IdempotentCall): void {
  const ctx = requestContext.getStore();
  if (ctx === undefined)
    throw new Error('an Idempotency-Key needs the request context (LedgerPositionMiddleware)');
  calls.set(ctx, call);
}

export function takeOver(): IdempotentCall | undefined {
  const ctx = requestContext.getStore();
  if (ctx === undefined) return undefined;
  const call = calls.get(ctx);
  if (call !== undefined) calls.delete(ctx);
  return call;
}
