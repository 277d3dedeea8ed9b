import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express, Request, Response } from 'express';
import { createExpressServer } from './express-server';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Nest over Express, answering a handler's plain JSON value without Express's `res.json`/`res.send` detour:
 * under load that detour (app-setting lookups, parsing and re-formatting the Content-Type to add its
 * charset, the freshness check, `res.set` for every header) was a tenth of a GET's CPU. The bytes are the
 * same as Express's for that case: status, `Content-Type: application/json; charset=utf-8`, `Content-Length`,
 * `JSON.stringify` of the value (no replacer, spacing or escaping is configured).
 *
 * Everything else goes the usual way, so its answer is Express's own: a Buffer, string, stream or empty body,
 * a Content-Type a handler set, HEAD, 204/205/304, and conditional requests (Express may answer those 304).
 */
export class JsonReplyAdapter extends ExpressAdapter {
  /** Nest's own server, but with requests born with Express's prototypes (see createExpressServer). */
  override initHttpServer(options: NestApplicationOptions): void {
    if (options?.httpsOptions || options?.forceCloseConnections) return super.initHttpServer(options);
    this.setHttpServer(createExpressServer(this.getInstance<Express>()));
  }

  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    if (!isPlainJsonAnswer(response, body, statusCode)) return super.reply(response, body, statusCode);
    const json = JSON.stringify(body);
    if (statusCode) response.statusCode = statusCode;
    response.setHeader('Content-Type', JSON_TYPE);
    response.setHeader('Content-Length', Buffer.byteLength(json, 'utf8'));
    response.end(json, 'utf8');
    return response;
  }
}

function isPlainJsonAnswer(response: Response, body: unknown, statusCode: number | undefined): boolean {
  if (body === null || typeof body !== 'object' || ArrayBuffer.isView(body)) return false;
  const proto = Object.getPrototypeOf(body) as unknown;
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return false;
  const status = statusCode ?? response.statusCode;
  if (status === 204 || status === 205 || status === 304) return false;
  const req = response.req as Request;
  if (req.method === 'HEAD') return false;
  if (req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined) return false;
  return !response.hasHeader('Content-Type') && !response.hasHeader('ETag');
}
