import { type CanActivate, type ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { IdempotencyStore } from '@subsidy/ledger/idempotency/idempotency-store';
import { InvalidInputError } from '../problem/problem';
import type { AuthenticatedRequest } from '../auth/current-user.decorator';
import { handOver, idempotencyConflict, IdempotentCall } from './idempotent-call';

/**
 * `Idempotency-Key` on a POST route, first half: after authentication, before the body is validated (a key
 * reused with another body is 409 whatever that body), it checks the key and compares the request with a
 * recorded first answer, then hands the handler an IdempotentCall (see IdempotentPost). A request without the
 * header costs one header lookup: no interceptor pipeline (rxjs, an AsyncResource per call), which under the
 * enrollment load was ~100 µs and much of the garbage of every POST.
 */
@Injectable()
export class IdempotencyGuard implements CanActivate {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    @Inject(IdempotencyStore) private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers['idempotency-key'];
    if (req.method !== 'POST' || header === undefined) return true;
    const key = Array.isArray(header) ? header[0]! : header;
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw new InvalidInputError([
        { field: 'Idempotency-Key', message: 'must be 1–255 visible ASCII characters' },
      ]);
    }
    const actor = req.user?.name ?? 'anonymous';
    const path = pathOf(req);
    const bodyHash = createHash('sha256')
      .update(canonical({ user: req.user?.name ?? '', method: req.method, path, body: req.body as unknown }))
      .digest('hex');
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const keyHash = IdempotencyStore.hashKey(key);
    const call = new IdempotentCall(
      {
        keyHash,
        bodyHash,
        status,
        method: req.method,
        path,
        actor,
        correlationId: String(req.headers['x-correlation-id'] ?? key),
        response: context.switchToHttp().getResponse(),
      },
      this.store,
      this.adapterHost.httpAdapter,
      this.inFlight,
    );
    return this.precheck(call, keyHash, bodyHash);
  }

  /** A first answer already recorded for another request: 409 now, before validation (as always). */
  private async precheck(call: IdempotentCall, keyHash: string, bodyHash: string): Promise<boolean> {
    const first = await this.store.find(keyHash);
    if (first && first.bodyHash !== bodyHash) throw idempotencyConflict();
    handOver(call);
    return true;
  }
}

/** The request's path without its query (Express's `req.path`; computed where an adapter has none). */
function pathOf(req: AuthenticatedRequest): string {
  if (typeof req.path === 'string') return req.path;
  const url = (req as { url?: string }).url ?? '';
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** JSON with sorted keys, so the same body hashes the same whatever its key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
