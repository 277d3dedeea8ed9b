import type { Response } from 'supertest';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { person } from './support/people';
import { draft, openProgramYear, registerAndEnroll } from './support/scenario';
import { eventsAfter, logSnapshot } from './support/event-log';
import { expectProblem } from './support/problem';

/**
 * The contract's conventions: `Idempotency-Key` on every POST, `Ledger-Position` on every answer (a read
 * reflects every write answered before it), and `?minPosition=` beyond reach → 503 with Retry-After.
 */
const position = (res: Response): bigint => BigInt(res.headers['ledger-position'] as string);

describe('Idempotency-Key on every POST', () => {
  let t: TestApp;
  const token = (role: string): { Authorization: string } => bearer(t.tokens[role]!);
  let enrolled: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await openProgramYear(t, {
      programCode: 'psychiatric-medication',
      year: 2024,
      rates: { standard: '1200.00' },
      plan: { upper: '12000.00', county: '0.00' },
      allocate: { upper: '12000.00' },
    });
    enrolled = [];
    for (let i = 0; i < 6; i++) {
      enrolled.push(await registerAndEnroll(t, { programCode: 'psychiatric-medication', year: 2024 }));
    }
  });
  afterAll(() => t.close());

  /**
   * Sends `first` twice with the key (the same answer, status and position; nothing new recorded the second
   * time), then `other` with the key (409, nothing recorded).
   */
  async function checkKey(
    key: string,
    role: string,
    first: { path: string; body?: object },
    other: { path: string; body?: object },
  ): Promise<Response> {
    const send = (r: { path: string; body?: object }) => {
      const req = t.http.post(r.path).set(token(role)).set('Idempotency-Key', key);
      return r.body === undefined ? req : req.send(r.body);
    };
    const answer = await send(first);
    expect(answer.status).toBeLessThan(300);
    const recorded = logSnapshot(t.dataDir);
    const again = await send(first);
    expect(again.status).toBe(answer.status);
    expect(again.body).toEqual(answer.body);
    expect(again.headers['ledger-position']).toBe(answer.headers['ledger-position']);
    expect(logSnapshot(t.dataDir)).toEqual(recorded);
    const conflict = await send(other);
    expectProblem(conflict, 409);
    expect(logSnapshot(t.dataDir)).toEqual(recorded);
    return answer;
  }

  it('registration and re-assessment', async () => {
    const body = person({ category: 'physical', grade: 2 });
    await checkKey(
      'reg-1',
      'clerk',
      { path: '/api/v1/beneficiaries', body },
      { path: '/api/v1/beneficiaries', body: person() },
    );
    const path = `/api/v1/beneficiaries/${body.certificateNumber}/reassessment`;
    await checkKey(
      'reassess-1',
      'clerk',
      { path, body: { category: 'physical', grade: 1, reason: 'county hospital, 2024-03' } },
      { path, body: { category: 'physical', grade: 3, reason: 'county hospital, 2024-03' } },
    );
  });

  it('allocations and enrollments', async () => {
    const path = '/api/v1/programs/psychiatric-medication/years/2024/allocations';
    const body = {
      source: 'upper',
      amount: '100.00',
      reference: '皖残联〔2024〕9号',
      receivedOn: '2024-06-01',
    };
    const answer = await checkKey(
      'alloc-1',
      'admin',
      { path, body },
      { path, body: { ...body, amount: '100.01' } },
    );
    expect(answer.body.allocationId).toEqual(expect.any(String));
    const funding = await t.http
      .get('/api/v1/reports/funding?year=2024&programCode=psychiatric-medication')
      .set(token('auditor'))
      .expect(200);
    expect(funding.body[0].allocated.upper).toBe('12100.00'); // the retry added nothing

    const someone = person({ category: 'mental' });
    await t.http.post('/api/v1/beneficiaries').set(token('clerk')).send(someone).expect(201);
    const enrollment = {
      certificateNumber: someone.certificateNumber,
      programCode: 'psychiatric-medication',
      year: 2024,
    };
    await checkKey(
      'enroll-1',
      'clerk',
      { path: '/api/v1/enrollments', body: enrollment },
      { path: '/api/v1/enrollments', body: { ...enrollment, year: 2025 } },
    );
    enrolled.push(someone.certificateNumber);
  });

  it('drafts: the retry answers the same batch and no second batch exists', async () => {
    const body = {
      programCode: 'psychiatric-medication',
      year: 2024,
      lines: [{ certificateNumber: enrolled[0], amount: '600.00' }],
    };
    const answer = await checkKey(
      'draft-1',
      'clerk',
      { path: '/api/v1/payment-batches', body },
      {
        path: '/api/v1/payment-batches',
        body: { ...body, lines: [{ certificateNumber: enrolled[0], amount: '600.01' }] },
      },
    );
    const list = await t.http.get('/api/v1/payment-batches').set(token('auditor')).expect(200);
    expect(list.body.items.map((b: { batchId: string }) => b.batchId)).toEqual([answer.body.batchId]);
  });

  it('approvals: the retry answers 200 again, the other batch with the same key 409', async () => {
    const a = await draft(t, {
      programCode: 'psychiatric-medication',
      year: 2024,
      lines: [{ certificateNumber: enrolled[1], amount: '1200.00' }],
    });
    const b = await draft(t, {
      programCode: 'psychiatric-medication',
      year: 2024,
      lines: [{ certificateNumber: enrolled[2], amount: '1200.00' }],
    });
    const answer = await checkKey(
      'approve-1',
      'approver',
      { path: `/api/v1/payment-batches/${a.batchId}/approval` },
      { path: `/api/v1/payment-batches/${b.batchId}/approval` },
    );
    expect(answer.body).toMatchObject({ status: 'approved' });
    const batchB = await t.http.get(`/api/v1/payment-batches/${b.batchId}`).set(token('auditor')).expect(200);
    expect(batchB.body.status).toBe('draft');
    const person1 = await t.http.get(`/api/v1/beneficiaries/${enrolled[1]}`).set(token('clerk')).expect(200);
    expect(person1.body.entitlements[0]).toMatchObject({ paid: '1200.00', outstanding: '0.00' }); // paid once
  });

  it('bank returns and reversals', async () => {
    const batch = await draft(t, {
      programCode: 'psychiatric-medication',
      year: 2024,
      lines: [
        { certificateNumber: enrolled[3], amount: '1200.00' },
        { certificateNumber: enrolled[4], amount: '1200.00' },
      ],
    });
    await t.http.post(`/api/v1/payment-batches/${batch.batchId}/approval`).set(token('approver')).expect(200);
    const [l1, l2] = batch.lines;
    const path = `/api/v1/payment-batches/${batch.batchId}/bank-returns`;
    await checkKey(
      'return-1',
      'clerk',
      { path, body: { lines: [{ lineId: l1!.lineId, result: 'paid' }] } },
      { path, body: { lines: [{ lineId: l2!.lineId, result: 'paid' }] } },
    );
    await checkKey(
      'reverse-1',
      'approver',
      { path: `/api/v1/payments/${l1!.lineId}/reversal`, body: { reason: 'paid to a deceased person' } },
      { path: `/api/v1/payments/${l2!.lineId}/reversal`, body: { reason: 'paid to a deceased person' } },
    );
    const person3 = await t.http.get(`/api/v1/beneficiaries/${enrolled[3]}`).set(token('clerk')).expect(200);
    expect(person3.body.entitlements[0]).toMatchObject({ paid: '0.00', outstanding: '1200.00' }); // reversed once
  });

  it('the same key sent five times at once records one batch, and every answer is that batch', async () => {
    const body = {
      programCode: 'psychiatric-medication',
      year: 2024,
      lines: [{ certificateNumber: enrolled[5], amount: '1.00' }],
    };
    const before = (await t.http.get('/api/v1/payment-batches?limit=1000').set(token('auditor')).expect(200))
      .body.items.length;
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.http
          .post('/api/v1/payment-batches')
          .set(token('clerk'))
          .set('Idempotency-Key', 'draft-burst')
          .send(body),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.batchId)).size).toBe(1);
    const after = (await t.http.get('/api/v1/payment-batches?limit=1000').set(token('auditor')).expect(200))
      .body.items.length;
    expect(after).toBe(before + 1);
  });

  it('keeps no answer for a refused request: the key may be used again once the request is fixed', async () => {
    const body = {
      programCode: 'psychiatric-medication',
      year: 2024,
      lines: [{ certificateNumber: enrolled[0], amount: '1200.01' }],
    };
    const before = logSnapshot(t.dataDir);
    expectProblem(
      await t.http
        .post('/api/v1/payment-batches')
        .set(token('clerk'))
        .set('Idempotency-Key', 'draft-2')
        .send(body),
      422,
    );
    expect(logSnapshot(t.dataDir)).toEqual(before);
    await t.http
      .post('/api/v1/payment-batches')
      .set(token('clerk'))
      .set('Idempotency-Key', 'draft-2')
      .send({ ...body, lines: [{ certificateNumber: enrolled[0], amount: '1200.00' }] })
      .expect(201);
  });

  it('judges a reused key before the body: another body is 409 even when it is invalid too, and records nothing', async () => {
    const body = person();
    await t.http.post('/api/v1/beneficiaries').set(token('clerk')).set('Idempotency-Key', 'reg-invalid-after').send(body).expect(201);
    const recorded = logSnapshot(t.dataDir);
    const invalid = await t.http
      .post('/api/v1/beneficiaries')
      .set(token('clerk'))
      .set('Idempotency-Key', 'reg-invalid-after')
      .send({ ...body, certificateNumber: 'not-a-certificate' });
    expectProblem(invalid, 409);
    expect(logSnapshot(t.dataDir)).toEqual(recorded);
    // Without the key the same body is judged on its own: invalid.
    expectProblem(
      await t.http.post('/api/v1/beneficiaries').set(token('clerk')).send({ ...body, certificateNumber: 'not-a-certificate' }),
      400,
    );
  });

  it('refuses a key that is not 1–255 visible ASCII characters (400)', async () => {
    const res = await t.http
      .post('/api/v1/beneficiaries')
      .set(token('clerk'))
      .set('Idempotency-Key', 'k'.repeat(256))
      .send(person());
    expectProblem(res, 400);
  });
});

describe('Ledger-Position on every answer; reads reflect the writes answered before them', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const clerk = (): { Authorization: string } => bearer(t.tokens.clerk!);

  it('a write answers the log position of the last event it recorded; positions only grow', async () => {
    await openProgramYear(t, {
      programCode: 'care-services',
      year: 2024,
      rates: { residential: '12000.00', day: '4000.00', home: '2000.00' },
      plan: { upper: '133500.00', county: '74500.00' },
      allocate: { upper: '133500.00', county: '74500.00' },
    });
    const writes: Array<() => Promise<Response>> = [];
    const body = person({ category: 'intellectual', birthDate: '1980-01-01' });
    writes.push(() => t.http.post('/api/v1/beneficiaries').set(clerk()).send(body));
    writes.push(() =>
      t.http.post('/api/v1/enrollments').set(clerk()).send({
        certificateNumber: body.certificateNumber,
        programCode: 'care-services',
        year: 2024,
        tier: 'home',
      }),
    );
    let batchId = '';
    writes.push(async () => {
      const res = await t.http
        .post('/api/v1/payment-batches')
        .set(clerk())
        .send({ programCode: 'care-services', year: 2024, payOutstanding: true });
      batchId = res.body.batchId;
      return res;
    });
    writes.push(() =>
      t.http.post(`/api/v1/payment-batches/${batchId}/approval`).set(bearer(t.tokens.approver!)),
    );
    writes.push(() =>
      t.http
        .put('/api/v1/programs/care-services/years/2024')
        .set(bearer(t.tokens.admin!))
        .send({
          quota: 90,
          rates: { residential: '12000.00', day: '4000.00', home: '2000.00' },
          fundingPlan: { upper: '133500.00', county: '74500.00' },
        }),
    );

    let last = 0n;
    for (const write of writes) {
      const before = logSnapshot(t.dataDir);
      const res = await write();
      expect(res.status).toBeLessThan(300);
      const recorded = eventsAfter(t.dataDir, before.lastPosition);
      expect(recorded.length).toBeGreaterThan(0);
      expect(position(res)).toBe(BigInt(recorded.at(-1)!.position));
      expect(position(res)).toBeGreaterThan(last);
      last = position(res);

      // Every read after the write answers data that reflects it.
      for (const path of [
        `/api/v1/beneficiaries/${body.certificateNumber}`,
        `/api/v1/beneficiaries/${body.certificateNumber}/history`,
        '/api/v1/beneficiaries?limit=5',
        '/api/v1/programs?year=2024',
        '/api/v1/payment-batches',
        '/api/v1/reports/funding?year=2024',
        '/api/v1/reports/programs?year=2024',
        '/api/v1/reports/townships?year=2024',
      ]) {
        const read = await t.http.get(path).set(bearer(t.tokens.auditor!)).expect(200);
        expect({ path, reflects: position(read) >= last }).toEqual({ path, reflects: true });
      }
    }
    const approved = await t.http.get(`/api/v1/payment-batches/${batchId}`).set(clerk()).expect(200);
    expect(approved.body.status).toBe('approved');
    expect(position(approved)).toBeGreaterThanOrEqual(last);
  });

  it('stamps refusals, files, health and docs too', async () => {
    const answers: Response[] = [
      await t.http.get('/health').expect(200),
      await t.http.get('/docs/json').expect(200),
      await t.http.get('/api/v1/programs').expect(401),
      await t.http.post('/api/v1/beneficiaries').set(bearer(t.tokens.auditor!)).send(person()).expect(403),
      await t.http.get('/api/v1/payment-batches/nope').set(clerk()).expect(404),
      await t.http.post('/api/v1/beneficiaries').set(clerk()).send({}).expect(400),
      await t.http
        .post('/api/v1/beneficiaries')
        .set(clerk())
        .set('Content-Type', 'application/json')
        .send('{"a":')
        .expect(400),
      await t.http
        .get('/api/v1/reports/funding?year=2024')
        .set(clerk())
        .set('Accept', 'text/csv')
        .expect(200),
      await t.http.get('/api/v1/no-such-route').set(clerk()).expect(404),
    ];
    const head = logSnapshot(t.dataDir).lastPosition;
    for (const res of answers) {
      expect({ url: res.request.url, position: res.headers['ledger-position'] }).toEqual({
        url: res.request.url,
        position: expect.stringMatching(/^\d+$/),
      });
      expect(position(res)).toBeLessThanOrEqual(BigInt(head));
    }
  });
});

describe('?minPosition= beyond what the read models can reach', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ readWaitMs: 150 });
  });
  afterAll(() => t.close());

  it('answers 503 with Retry-After once the bounded wait is over, and at once for a position already reached', async () => {
    const write = await t.http
      .post('/api/v1/beneficiaries')
      .set(bearer(t.tokens.clerk!))
      .send(person())
      .expect(201);
    const reached = position(write);
    const ok = await t.http
      .get(`/api/v1/programs?minPosition=${reached}`)
      .set(bearer(t.tokens.clerk!))
      .expect(200);
    expect(position(ok)).toBeGreaterThanOrEqual(reached);
    for (const path of [
      '/api/v1/programs',
      '/api/v1/beneficiaries',
      '/api/v1/payment-batches',
      '/api/v1/reports/funding?year=2024',
    ]) {
      const sep = path.includes('?') ? '&' : '?';
      const res = await t.http
        .get(`${path}${sep}minPosition=${reached + 1_000_000n}`)
        .set(bearer(t.tokens.auditor!));
      expectProblem(res, 503);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expectProblem(await t.http.get('/api/v1/programs?minPosition=soon').set(bearer(t.tokens.clerk!)), 400);
  });
});
