import express, { type Request, type Response } from 'express';
import type { AddressInfo } from 'node:net';
import { createExpressServer } from './express-server';

/**
 * The server's requests and responses must be Express's own from birth (Express then re-parents nothing),
 * and behave as Express's: helpers, body parsing, HEAD, keep-alive.
 */
describe('createExpressServer', () => {
  const app = express();
  app.use(express.json());
  app.all('/echo', (req: Request, res: Response) => {
    res.status(req.method === 'POST' ? 201 : 200).json({ method: req.method, query: req.query, body: req.body as unknown });
  });
  const server = createExpressServer(app);
  // As the server hands them over, before Express has touched them.
  const seen: Array<{ req: boolean; res: boolean }> = [];
  server.prependListener('request', (req, res) => {
    seen.push({ req: Object.getPrototypeOf(req) === app.request, res: Object.getPrototypeOf(res) === app.response });
  });
  let base = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('hands Express requests and responses that already have its prototypes', async () => {
    seen.length = 0;
    await fetch(`${base}/echo`);
    await fetch(`${base}/echo`, { method: 'HEAD' });
    expect(seen).toEqual([
      { req: true, res: true },
      { req: true, res: true },
    ]);
  });

  it('answers through Express as usual: query, JSON body, status, HEAD without a body', async () => {
    const get = await fetch(`${base}/echo?a=1`);
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await get.json()).toEqual({ method: 'GET', query: { a: '1' } });
    const post = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '张三' }),
    });
    expect(post.status).toBe(201);
    expect(await post.json()).toEqual({ method: 'POST', query: {}, body: { name: '张三' } });
    const head = await fetch(`${base}/echo`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
