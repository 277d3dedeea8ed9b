import { bearer, startTestApp, type TestApp } from './support/test-app';
import { person } from './support/people';

describe('the HTTP platform: health, docs, auth, problem+json, positions, idempotency', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers GET /health without a token', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('serves the OpenAPI description and its UI at /docs', async () => {
    const ui = await t.http.get('/docs').redirects(1).expect(200);
    expect(ui.text).toMatch(/swagger/i);
    const json = await t.http.get('/docs/json').expect(200);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/beneficiaries', '/api/v1/payment-batches/{id}/approval']),
    );
  });

  it('refuses a missing or unknown token with 401 and a wrong role with 403, as problem+json', async () => {
    const none = await t.http.get('/api/v1/programs').expect(401);
    expect(none.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(none.body).toMatchObject({ status: 401, title: expect.any(String), detail: expect.any(String) });
    await t.http.get('/api/v1/programs').set(bearer('not-a-token')).expect(401);
    const wrongRole = await t.http.post('/api/v1/beneficiaries').set(bearer(t.tokens.approver!)).send(person()).expect(403);
    expect(wrongRole.body.status).toBe(403);
  });

  it('lets a user added while the server runs act at once', async () => {
    const token = t.addUser('new-clerk', ['clerk']);
    await t.http.post('/api/v1/beneficiaries').set(bearer(token)).send(person()).expect(201);
  });

  it('names the field and the rule for bad input, and a JSON number is not money', async () => {
    const res = await t.http
      .post('/api/v1/programs/care-services/years/2024/allocations')
      .set(bearer(t.tokens.admin!))
      .send({ source: 'upper', amount: 133500, reference: 'x', receivedOn: '2024-02-30' })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'amount' }),
        expect.objectContaining({ field: 'receivedOn' }),
      ]),
    );
  });

  it('refuses malformed JSON with 400 problem+json', async () => {
    const res = await t.http
      .post('/api/v1/beneficiaries')
      .set(bearer(t.tokens.clerk!))
      .set('Content-Type', 'application/json')
      .send('{"certificateNumber": ')
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('stamps Ledger-Position on writes and reads, and a read reflects the write before it', async () => {
    const body = person();
    const write = await t.http.post('/api/v1/beneficiaries').set(bearer(t.tokens.clerk!)).send(body).expect(201);
    const written = BigInt(write.headers['ledger-position'] as string);
    expect(written).toBeGreaterThan(0n);
    const read = await t.http.get(`/api/v1/beneficiaries/${body.certificateNumber}`).set(bearer(t.tokens.clerk!)).expect(200);
    expect(BigInt(read.headers['ledger-position'] as string)).toBeGreaterThanOrEqual(written);
    expect(read.body.name).toBe(body.name);
  });

  it('replays the first answer for a repeated Idempotency-Key and refuses the key with another body', async () => {
    const body = person();
    const first = await t.http
      .post('/api/v1/beneficiaries')
      .set(bearer(t.tokens.clerk!))
      .set('Idempotency-Key', 'register-once-1')
      .send(body)
      .expect(201);
    const again = await t.http
      .post('/api/v1/beneficiaries')
      .set(bearer(t.tokens.clerk!))
      .set('Idempotency-Key', 'register-once-1')
      .send(body)
      .expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['ledger-position']).toBe(first.headers['ledger-position']);
    const history = await t.http
      .get(`/api/v1/beneficiaries/${body.certificateNumber}/history`)
      .set(bearer(t.tokens.clerk!))
      .expect(200);
    expect(history.body.filter((e: { type: string }) => e.type === 'BeneficiaryRegistered')).toHaveLength(1);
    const other = await t.http
      .post('/api/v1/beneficiaries')
      .set(bearer(t.tokens.clerk!))
      .set('Idempotency-Key', 'register-once-1')
      .send(person())
      .expect(409);
    expect(other.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
