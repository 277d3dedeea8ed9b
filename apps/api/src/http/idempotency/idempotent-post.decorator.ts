import { applyDecorators, Post, UseInterceptors } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * A POST route, honouring `Idempotency-Key` (the contract: every POST does). The interceptor is put on the
 * POST routes only, not globally: under load Nest's interceptor pipeline (rxjs, an AsyncResource per call)
 * was a quarter of every GET's time, for a header only POSTs read.
 */
export const IdempotentPost = (path?: string): MethodDecorator =>
  applyDecorators(Post(path), UseInterceptors(IdempotencyInterceptor));
