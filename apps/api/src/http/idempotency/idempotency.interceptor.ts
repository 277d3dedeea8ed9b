import {
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DomainError } from '@subsidy/domain/shared/domain-error';
import { IdempotencyStore } from '@subsidy/ledger/idempotency/idempotency-store';
import { requestContext } from '@subsidy/ledger/context/request-context';
import { InvalidInputError } from '../problem/problem';
import type { AuthenticatedRequest } from '../auth/current-user.decorator';
import { LEDGER_POSITION_HEADER } from '../position/ledger-position.middleware';

/**
 * `Idempotency-Key` on any POST: the same key with the same request returns the first answer and records
 * nothing new; the same key with another request → 409. Only successful answers are kept: a refused
 * request recorded nothing, so a retry is judged afresh.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    @Inject(IdempotencyStore) private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers['idempotency-key'];
    if (req.method !== 'POST' || header === undefined) return next.handle();
    const key = Array.isArray(header) ? header[0]! : header;
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw new InvalidInputError([{ field: 'Idempotency-Key', message: 'must be 1–255 visible ASCII characters' }]);
    }
    const res = context.switchToHttp().getResponse<Response>();
    const keyHash = IdempotencyStore.hashKey(key);
    const bodyHash = createHash('sha256')
      .update(canonical({ user: req.user?.name ?? '', method: req.method, path: req.path, body: req.body as unknown }))
      .digest('hex');
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    return from(this.run(key, keyHash, bodyHash, status, req, res, next));
  }

  private async run(
    key: string,
    keyHash: string,
    bodyHash: string,
    status: number,
    req: AuthenticatedRequest,
    res: Response,
    next: CallHandler,
  ): Promise<unknown> {
    // One request per key at a time in this process; across nodes, derived event ids make the retry land on
    // the events already written.
    while (this.inFlight.has(keyHash)) await this.inFlight.get(keyHash)!.catch(() => undefined);
    const work = this.serve(key, keyHash, bodyHash, status, req, res, next);
    this.inFlight.set(keyHash, work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(keyHash);
    }
  }

  private async serve(
    key: string,
    keyHash: string,
    bodyHash: string,
    status: number,
    req: AuthenticatedRequest,
    res: Response,
    next: CallHandler,
  ): Promise<unknown> {
    const first = await this.store.find(keyHash);
    if (first) return this.replay(first, bodyHash, res);
    const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    const position = requestContext.getStore()?.writtenPosition ?? 0n;
    const saved = await this.store.save(
      {
        keyHash,
        method: req.method,
        path: req.path,
        bodyHash,
        status,
        response: (body ?? null) as never,
        position: position.toString(),
      },
      req.user?.name ?? 'anonymous',
      String(req.headers['x-correlation-id'] ?? key),
    );
    if (saved.bodyHash !== bodyHash) throw conflict();
    return body;
  }

  private replay(first: { bodyHash: string; status: number; response: unknown; position: string }, bodyHash: string, res: Response): unknown {
    if (first.bodyHash !== bodyHash) throw conflict();
    res.status(first.status);
    res.setHeader(LEDGER_POSITION_HEADER, first.position);
    res.setHeader('Idempotent-Replayed', 'true');
    return first.response;
  }
}

function conflict(): DomainError {
  return new DomainError('conflict', 'this Idempotency-Key was already used with a different request', [
    { field: 'Idempotency-Key', message: 'already used with a different request body' },
  ]);
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
