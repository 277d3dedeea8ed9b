import express, { type Request, type Response } from 'express';
import request from 'supertest';
import { JsonReplyAdapter } from './json-reply.adapter';

/**
 * The adapter's shortcut must answer exactly as Express's own `res.json` would: the same app serves each case
 * twice, once through the adapter and once through Express, and the answers are compared byte for byte
 * (every header but Date).
 */
describe('JsonReplyAdapter', () => {
  const adapter = new JsonReplyAdapter();
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const cases: Record<string, { body: unknown; status?: number; prepare?: (res: Response) => void }> = {
    object: { body: { name: '张三', paid: '12000.00', entitlements: [{ year: 2024 }] } },
    array: { body: [{ a: 1 }, 'two', null] },
    empty: { body: {} },
    created: { body: { enrollmentId: 'e-1', entitled: '5000.00' }, status: 201 },
    noContent: { body: { a: 1 }, status: 204 },
    typed: { body: { a: 1 }, prepare: (res) => res.type('application/problem+json') },
    text: { body: 'a,b\n1,2\n', prepare: (res) => res.setHeader('Content-Type', 'text/csv; charset=utf-8') },
    nothing: { body: undefined },
  };
  for (const [name, c] of Object.entries(cases)) {
    const handler = (via: 'adapter' | 'express') => (_req: Request, res: Response) => {
      c.prepare?.(res);
      if (via === 'adapter') return adapter.reply(res, c.body, c.status);
      if (c.status) res.status(c.status);
      return c.body === undefined ? res.send() : typeof c.body === 'string' ? res.send(c.body) : res.json(c.body);
    };
    app.all(`/adapter/${name}`, handler('adapter'));
    app.all(`/express/${name}`, handler('express'));
  }

  const answer = async (method: 'get' | 'head' | 'post', path: string, headers: Record<string, string> = {}) => {
    let r = request(app)[method](path);
    for (const [k, v] of Object.entries(headers)) r = r.set(k, v);
    const res = await r.buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    const { date: _date, ...rest } = res.headers as Record<string, string>;
    return { status: res.status, headers: rest, body: (res.body as Buffer | undefined)?.toString('utf8') ?? '' };
  };

  it.each(Object.keys(cases))('answers %s as Express does, on GET, POST and HEAD', async (name) => {
    for (const method of ['get', 'post', 'head'] as const) {
      expect(await answer(method, `/adapter/${name}`)).toEqual(await answer(method, `/express/${name}`));
    }
  });

  it('answers conditional requests as Express does (If-None-Match: * is "fresh" there: 304)', async () => {
    const conditional: Array<Record<string, string>> = [
      { 'If-None-Match': '*' },
      { 'If-Modified-Since': 'Sat, 01 Jan 2050 00:00:00 GMT' },
    ];
    for (const headers of conditional) {
      const viaAdapter = await answer('get', '/adapter/object', headers);
      expect(viaAdapter).toEqual(await answer('get', '/express/object', headers));
    }
  });

  it('takes the shortcut for a plain answer (the same bytes, Content-Type with its charset)', async () => {
    const res = await answer('get', '/adapter/object');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.body)).toEqual(cases.object!.body);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
  });
});
