import type { Response } from 'supertest';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { person } from './support/people';
import { draft, openProgramYear, registerAndEnroll } from './support/scenario';
import { eventsAfter, logSnapshot } from './support/event-log';
import { expectProblem } from './support/problem';

/**
 * "A refused request records nothing": one representative refusal of each kind, each checked against the log
 * file itself, read through a connection of its own.
 */
describe('a refused request records nothing', () => {
  let t: TestApp;
  let owed = '';
  let maker: { batchId: string } = { batchId: '' };
  let overFunds: { batchId: string } = { batchId: '' };
  let approved: { batchId: string; lines: Array<{ lineId: string }> } = { batchId: '', lines: [] };
  let registered: ReturnType<typeof person>;

  beforeAll(async () => {
    t = await startTestApp();
    await openProgramYear(t, {
      programCode: 'psychiatric-medication',
      year: 2024,
      rates: { standard: '1200.00' },
      plan: { upper: '3600.00', county: '0.00' },
      allocate: { upper: '2400.00' },
    });
    owed = await registerAndEnroll(t, { programCode: 'psychiatric-medication', year: 2024 });
    const second = await registerAndEnroll(t, { programCode: 'psychiatric-medication', year: 2024 });
    const third = await registerAndEnroll(t, { programCode: 'psychiatric-medication', year: 2024 });
    approved = await draft(t, {
      programCode: 'psychiatric-medication',
      year: 2024,
      lines: [
        { certificateNumber: owed, amount: '600.00' },
        { certificateNumber: second, amount: '1200.00' },
      ],
    });
    await t.http
      .post(`/api/v1/payment-batches/${approved.batchId}/approval`)
      .set(bearer(t.tokens.approver!))
      .expect(200);
    await t.http
      .post(`/api/v1/payment-batches/${approved.batchId}/bank-returns`)
      .set(bearer(t.tokens.clerk!))
      .send({ lines: [{ lineId: approved.lines[1]!.lineId, result: 'failed', reason: 'account frozen' }] })
      .expect(200);
    maker = await draft(
      t,
      {
        programCode: 'psychiatric-medication',
        year: 2024,
        lines: [{ certificateNumber: third, amount: '100.00' }],
      },
      t.tokens.makerChecker!,
    );
    // 1,200.00 + 1,200.00 would need 2,400.00; 600.00 is paid, so 1,800.00 remains: the batch is over the funds.
    overFunds = await draft(t, {
      programCode: 'psychiatric-medication',
      year: 2024,
      lines: [
        { certificateNumber: second, amount: '1200.00' },
        { certificateNumber: third, amount: '1200.00' },
      ],
    });
    registered = person({ category: 'mental' });
    await t.http.post('/api/v1/beneficiaries').set(bearer(t.tokens.clerk!)).send(registered).expect(201);
  });
  afterAll(() => t.close());

  const refusals: Array<[string, number, () => Promise<Response>]> = [
    [
      '400 money given as a JSON number',
      400,
      () =>
        t.http
          .post('/api/v1/programs/psychiatric-medication/years/2024/allocations')
          .set(bearer(t.tokens.admin!))
          .send({ source: 'upper', amount: 1200, reference: 'x', receivedOn: '2024-04-01' }),
    ],
    [
      '400 a bank return naming a line the batch does not have',
      400,
      () =>
        t.http
          .post(`/api/v1/payment-batches/${approved.batchId}/bank-returns`)
          .set(bearer(t.tokens.clerk!))
          .send({
            lines: [
              { lineId: approved.lines[0]!.lineId, result: 'paid' },
              { lineId: `${approved.batchId}-3`, result: 'paid' },
            ],
          }),
    ],
    ['401 no token', 401, () => t.http.post('/api/v1/beneficiaries').send(person())],
    [
      '403 the maker approving their own batch',
      403,
      () =>
        t.http.post(`/api/v1/payment-batches/${maker.batchId}/approval`).set(bearer(t.tokens.makerChecker!)),
    ],
    [
      '403 an approver registering a person',
      403,
      () => t.http.post('/api/v1/beneficiaries').set(bearer(t.tokens.approver!)).send(person()),
    ],
    [
      '404 an enrollment in a program-year never opened',
      404,
      () =>
        t.http
          .post('/api/v1/enrollments')
          .set(bearer(t.tokens.clerk!))
          .send({ certificateNumber: registered.certificateNumber, programCode: 'fuel-subsidy', year: 2024 }),
    ],
    [
      '404 a reversal of a line that does not exist',
      404,
      () =>
        t.http
          .post(`/api/v1/payments/${approved.batchId}-9/reversal`)
          .set(bearer(t.tokens.approver!))
          .send({ reason: 'x' }),
    ],
    [
      '409 a second registration of the same ID number',
      409,
      () => t.http.post('/api/v1/beneficiaries').set(bearer(t.tokens.clerk2!)).send(registered),
    ],
    [
      '409 approving an approved batch again',
      409,
      () =>
        t.http.post(`/api/v1/payment-batches/${approved.batchId}/approval`).set(bearer(t.tokens.approver2!)),
    ],
    [
      '409 reversing a line the bank already failed',
      409,
      () =>
        t.http
          .post(`/api/v1/payments/${approved.lines[1]!.lineId}/reversal`)
          .set(bearer(t.tokens.approver!))
          .send({ reason: 'x' }),
    ],
    [
      '422 a draft line above what the person is still owed',
      422,
      () =>
        t.http
          .post('/api/v1/payment-batches')
          .set(bearer(t.tokens.clerk!))
          .send({
            programCode: 'psychiatric-medication',
            year: 2024,
            lines: [{ certificateNumber: owed, amount: '600.01' }],
          }),
    ],
    [
      '422 an approval that would take the funds below zero',
      422,
      () =>
        t.http.post(`/api/v1/payment-batches/${overFunds.batchId}/approval`).set(bearer(t.tokens.approver!)),
    ],
  ];

  it.each(refusals)('%s', async (_name, status, request) => {
    const before = logSnapshot(t.dataDir);
    const res = await request();
    expectProblem(res, status);
    expect(eventsAfter(t.dataDir, before.lastPosition)).toEqual([]);
    expect(logSnapshot(t.dataDir)).toEqual(before);
  });

  it('422 enrolling someone the catalogue does not admit', async () => {
    const visual = person({ category: 'visual' });
    await t.http.post('/api/v1/beneficiaries').set(bearer(t.tokens.clerk!)).send(visual).expect(201);
    const before = logSnapshot(t.dataDir);
    const res = await t.http
      .post('/api/v1/enrollments')
      .set(bearer(t.tokens.clerk!))
      .send({
        certificateNumber: visual.certificateNumber,
        programCode: 'psychiatric-medication',
        year: 2024,
      });
    expectProblem(res, 422);
    expect(res.body.detail).toMatch(/mental/);
    expect(logSnapshot(t.dataDir)).toEqual(before);
  });

  it('and after all of them, what was paid is what was approved', async () => {
    const funding = await t.http
      .get('/api/v1/reports/funding?year=2024&programCode=psychiatric-medication')
      .set(bearer(t.tokens.auditor!))
      .expect(200);
    // 600.00 paid to the first person; the second person's 1,200.00 came back when the bank failed it.
    expect(funding.body[0].disbursed).toEqual({ upper: '600.00', county: '0.00', total: '600.00' });
    const overBatch = await t.http
      .get(`/api/v1/payment-batches/${overFunds.batchId}`)
      .set(bearer(t.tokens.auditor!))
      .expect(200);
    expect(overBatch.body.status).toBe('draft');
  });
});
