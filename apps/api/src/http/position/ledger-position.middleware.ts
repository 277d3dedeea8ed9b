import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { requestContext, type RequestContext } from '@subsidy/ledger/context/request-context';
import { ReadYourWrites } from '@subsidy/ledger/consistency/read-your-writes';

export const LEDGER_POSITION_HEADER = 'Ledger-Position';

/**
 * Runs each request in its own context and stamps every answer with `Ledger-Position`: for a write the log
 * position it produced, for a read the position its data reflects. A write's position is acknowledged
 * before the answer leaves, so any later read on this server waits for it (read-your-writes).
 */
@Injectable()
export class LedgerPositionMiddleware implements NestMiddleware {
  constructor(@Inject(ReadYourWrites) private readonly rw: ReadYourWrites) {}

  use(_req: Request, res: Response, next: NextFunction): void {
    const ctx: RequestContext = {};
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
    (res as { writeHead: unknown }).writeHead = (...args: unknown[]): Response => {
      if (ctx.writtenPosition !== undefined) this.rw.acknowledge(ctx.writtenPosition);
      if (!res.hasHeader(LEDGER_POSITION_HEADER)) {
        const position = ctx.writtenPosition ?? ctx.readPosition ?? this.rw.currentReadPosition;
        res.setHeader(LEDGER_POSITION_HEADER, position.toString());
      }
      return writeHead(...args);
    };
    requestContext.run(ctx, next);
  }
}
