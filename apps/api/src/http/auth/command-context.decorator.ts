import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { uuidv7, type CommandContext } from '@subsidy/event-store';
import type { AuthenticatedRequest } from './current-user.decorator';

/**
 * Who and why for the events a request records: the user, a correlation id (the client's
 * `X-Correlation-Id`, or a new one), the request as causation, and the Idempotency-Key.
 */
export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandContext => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  const header = (name: string): string | undefined => {
    const v = req.headers[name];
    return typeof v === 'string' && v.length > 0 && v.length <= 255 ? v : undefined;
  };
  const requestId = uuidv7();
  const context: CommandContext = {
    actor: req.user?.name ?? 'anonymous',
    correlationId: header('x-correlation-id') ?? requestId,
    causationId: requestId,
  };
  const key = header('idempotency-key');
  if (key !== undefined) context.idempotencyKey = key;
  return context;
});
