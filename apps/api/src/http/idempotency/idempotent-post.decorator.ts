import { applyDecorators, Post, UseGuards } from '@nestjs/common';
import { IdempotencyGuard } from './idempotency.guard';
import { takeOver } from './idempotent-call';

/** Marks a route handler wrapped by IdempotentPost (the spec checks every POST route has it). */
export const IDEMPOTENT_HANDLER = Symbol('idempotent handler');

/**
 * A POST route, honouring `Idempotency-Key` (the contract: every POST does). IdempotencyGuard checks the key
 * after authentication and before validation, as the contract's order needs; the handler is wrapped so that a
 * keyed request runs inside its IdempotentCall (replay, or execute and record the answer). Not an interceptor:
 * Nest's interceptor pipeline (rxjs, an AsyncResource per call) cost every POST ~100 µs and much garbage under
 * load, for a header most requests do not send.
 */
export const IdempotentPost = (path?: string): MethodDecorator =>
  applyDecorators(Post(path), UseGuards(IdempotencyGuard), wrapHandler);

function wrapHandler(_target: object, _key: string | symbol, descriptor: PropertyDescriptor): void {
  const handler = descriptor.value as (...args: unknown[]) => Promise<unknown>;
  const wrapped = function (this: unknown, ...args: unknown[]): Promise<unknown> {
    const call = takeOver();
    return call === undefined ? handler.apply(this, args) : call.run(() => handler.apply(this, args));
  };
  // Nest and Swagger read a route's metadata (method, path, guards, @HttpCode, roles, docs) off the handler.
  for (const k of Reflect.getOwnMetadataKeys(handler)) {
    Reflect.defineMetadata(k, Reflect.getOwnMetadata(k, handler), wrapped);
  }
  Reflect.defineMetadata(IDEMPOTENT_HANDLER, true, wrapped);
  Object.defineProperty(wrapped, 'name', { value: handler.name });
  descriptor.value = wrapped;
}
