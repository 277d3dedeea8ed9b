import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { AppendTooLargeError, DuplicateEventIdError, WrongExpectedRevisionError } from '@subsidy/event-store';
import { DomainError } from '@subsidy/domain/shared/domain-error';
import { ReadModelLagError, ReadYourWrites } from '@subsidy/ledger/consistency/read-your-writes';
import { requestContext } from '@subsidy/ledger/context/request-context';
import { InvalidCursorError } from '@subsidy/ledger/read-models';
import { InvalidInputError, problem, type Problem } from './problem';
import { LEDGER_POSITION_HEADER } from '../position/ledger-position.middleware';

const DOMAIN_STATUS: Record<DomainError['kind'], number> = {
  validation: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  rule: 422,
};

/** Every error leaves as problem+json naming what was wrong; nothing internal leaks. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(@Inject(ReadYourWrites) private readonly rw: ReadYourWrites) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toProblem(exception);
    // A body the parser refused never reached LedgerPositionMiddleware (it runs after parsing): stamp it here.
    if (requestContext.getStore() === undefined && !res.hasHeader(LEDGER_POSITION_HEADER)) {
      res.setHeader(LEDGER_POSITION_HEADER, this.rw.currentReadPosition.toString());
    }
    if (body.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    if (exception instanceof ReadModelLagError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }

  private toProblem(e: unknown): Problem {
    if (e instanceof InvalidInputError) return problem(400, 'invalid-input', e.message, e.errors);
    if (e instanceof DomainError) {
      return problem(DOMAIN_STATUS[e.kind], e.kind, e.message, e.errors);
    }
    if (e instanceof WrongExpectedRevisionError) {
      return problem(409, 'concurrent-change', 'the record changed while this request was served; retry it');
    }
    if (e instanceof DuplicateEventIdError) {
      return problem(409, 'conflict', 'this request was already recorded under the same ids: retry with its Idempotency-Key');
    }
    if (e instanceof InvalidCursorError) {
      return problem(400, 'invalid-input', e.message, [{ field: 'cursor', message: 'is not a cursor this list gave out' }]);
    }
    if (e instanceof AppendTooLargeError) return problem(413, 'too-large', e.message);
    if (e instanceof ReadModelLagError) return problem(503, 'read-models-behind', e.message);
    if (e instanceof HttpException) return fromHttpException(e);
    if (isBodyParserError(e)) {
      if (e.type === 'entity.too.large') return problem(413, 'too-large', 'the request body is too large');
      return problem(400, 'malformed-body', `the request body is not valid JSON: ${e.message}`, [
        { field: 'body', message: 'must be a JSON object' },
      ]);
    }
    this.logger.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    return problem(500, 'internal', 'an internal error occurred; nothing was recorded unless an answer said so');
  }
}

function fromHttpException(e: HttpException): Problem {
  const status = e.getStatus();
  const response = e.getResponse();
  const message =
    typeof response === 'string'
      ? response
      : typeof (response as { message?: unknown }).message === 'string'
        ? (response as { message: string }).message
        : e.message;
  if (status === 400) {
    // Our own 400s are InvalidInputError. A bare one is Nest's mapping of the JSON parser's SyntaxError, or of a
    // path parameter Express cannot percent-decode (URIError): name which part of the request was malformed.
    const path = /decode param/i.test(message);
    return problem(400, 'malformed-request', message, [
      path
        ? { field: 'path', message: 'must be validly percent-encoded' }
        : { field: 'body', message: 'must be a JSON object' },
    ]);
  }
  const kind =
    status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : status === 404 ? 'not-found' : 'http';
  return problem(status, kind, message);
}

function isBodyParserError(e: unknown): e is Error & { type: string; status: number } {
  return e instanceof Error && typeof (e as { type?: unknown }).type === 'string' && 'status' in e;
}
