import { bearer, startTestApp, type TestApp } from './support/test-app';
import { person } from './support/people';
import { draft, openProgramYear, registerAndEnroll } from './support/scenario';
import { logSnapshot } from './support/event-log';
import { expectProblem } from './support/problem';

/**
 * The auditor reads everything and writes nothing: every write route, with a body the right role would see
 * accepted, answers 403 to an auditor and leaves the log as it was.
 */
interface Write {
  method: 'post' | 'put';
  route: string; // as the OpenAPI document names it
  path: string;
  role: string; // who may make this request
  body?: object;
}

describe('an auditor writes nothing', () => {
  let t: TestApp;
  let writes: Write[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await openProgramYear(t, {
      programCode: 'psychiatric-medication',
      year: 2024,
      rates: { standard: '1200.00' },
      plan: { upper: '6000.00', county: '0.00' },
      allocate: { upper: '6000.00' },
    });
    const [a, b, c] = [
      await registerAndEnroll(t, { programCode: 'psychiatric-medication', year: 2024 }),
      await registerAndEnroll(t, { programCode: 'psychiatric-medication', year: 2024 }),
      await registerAndEnroll(t, { programCode: 'psychiatric-medication', year: 2024 }),
    ];
    const unenrolled = person({ category: 'mental' });
    await t.http.post('/api/v1/beneficiaries').set(bearer(t.tokens.clerk!)).send(unenrolled).expect(201);
    const approved = await draft(t, {
      programCode: 'psychiatric-medication',
      year: 2024,
      lines: [
        { certificateNumber: a, amount: '1200.00' },
        { certificateNumber: b, amount: '1200.00' },
      ],
    });
    await t.http
      .post(`/api/v1/payment-batches/${approved.batchId}/approval`)
      .set(bearer(t.tokens.approver!))
      .expect(200);
    const pending = await draft(t, {
      programCode: 'psychiatric-medication',
      year: 2024,
      lines: [{ certificateNumber: c, amount: '1200.00' }],
    });
    const [l1, l2] = approved.lines;
    writes = [
      {
        method: 'put',
        route: '/api/v1/programs/{code}/years/{year}',
        path: '/api/v1/programs/fuel-subsidy/years/2024',
        role: 'admin',
        body: {
          quota: 143,
          rates: { standard: '600.00' },
          fundingPlan: { upper: '85800.00', county: '0.00' },
        },
      },
      {
        method: 'post',
        route: '/api/v1/programs/{code}/years/{year}/allocations',
        path: '/api/v1/programs/psychiatric-medication/years/2024/allocations',
        role: 'admin',
        body: {
          source: 'upper',
          amount: '1200.00',
          reference: '皖残联〔2024〕3号',
          receivedOn: '2024-04-01',
        },
      },
      {
        method: 'post',
        route: '/api/v1/beneficiaries',
        path: '/api/v1/beneficiaries',
        role: 'clerk',
        body: person(),
      },
      {
        method: 'post',
        route: '/api/v1/beneficiaries/{cert}/reassessment',
        path: `/api/v1/beneficiaries/${unenrolled.certificateNumber}/reassessment`,
        role: 'clerk',
        body: { category: 'mental', grade: 1, reason: 'reassessed 2024' },
      },
      {
        method: 'post',
        route: '/api/v1/beneficiaries/{cert}/bank-account',
        path: `/api/v1/beneficiaries/${unenrolled.certificateNumber}/bank-account`,
        role: 'clerk',
        body: { bankAccount: '6228480011112222333', reason: 'new card' },
      },
      {
        method: 'post',
        route: '/api/v1/beneficiaries/{cert}/township',
        path: `/api/v1/beneficiaries/${unenrolled.certificateNumber}/township`,
        role: 'clerk',
        body: { township: '青山镇', reason: 'moved' },
      },
      {
        method: 'post',
        route: '/api/v1/enrollments',
        path: '/api/v1/enrollments',
        role: 'clerk',
        body: {
          certificateNumber: unenrolled.certificateNumber,
          programCode: 'psychiatric-medication',
          year: 2024,
        },
      },
      {
        method: 'post',
        route: '/api/v1/payment-batches',
        path: '/api/v1/payment-batches',
        role: 'clerk',
        body: { programCode: 'psychiatric-medication', year: 2024, payOutstanding: true },
      },
      {
        method: 'post',
        route: '/api/v1/payment-batches/{id}/approval',
        path: `/api/v1/payment-batches/${pending.batchId}/approval`,
        role: 'approver',
      },
      {
        method: 'post',
        route: '/api/v1/payment-batches/{id}/bank-returns',
        path: `/api/v1/payment-batches/${approved.batchId}/bank-returns`,
        role: 'clerk',
        body: { lines: [{ lineId: l1!.lineId, result: 'paid' }] },
      },
      {
        method: 'post',
        route: '/api/v1/payments/{lineId}/reversal',
        path: `/api/v1/payments/${l2!.lineId}/reversal`,
        role: 'approver',
        body: { reason: 'paid in error' },
      },
    ];
  });
  afterAll(() => t.close());

  it('walks every write route the API serves', async () => {
    const docs = await t.http.get('/docs/json').expect(200);
    const served = Object.entries(docs.body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([route, methods]) =>
        Object.keys(methods)
          .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
          .map((m) => `${m.toUpperCase()} ${route}`),
      )
      .sort();
    expect(writes.map((w) => `${w.method.toUpperCase()} ${w.route}`).sort()).toEqual(served);
  });

  it('answers 403 problem+json to the auditor on each of them, with or without an Idempotency-Key, and records nothing', async () => {
    const before = logSnapshot(t.dataDir);
    for (const w of writes) {
      for (const key of [undefined, `auditor-${w.route}`]) {
        const req = t.http[w.method](w.path).set(bearer(t.tokens.auditor!));
        if (key) req.set('Idempotency-Key', key);
        const res = await (w.body === undefined ? req : req.send(w.body));
        expect({ route: w.route, status: res.status }).toEqual({ route: w.route, status: 403 });
        expectProblem(res, 403);
      }
    }
    expect(logSnapshot(t.dataDir)).toEqual(before);
  });

  it('would have accepted each of those requests from the role that makes it', async () => {
    for (const w of writes) {
      const req = t.http[w.method](w.path).set(bearer(t.tokens[w.role]!));
      const res = await (w.body === undefined ? req : req.send(w.body));
      expect({ route: w.route, status: res.status < 300 }).toEqual({ route: w.route, status: true });
    }
  });
});
