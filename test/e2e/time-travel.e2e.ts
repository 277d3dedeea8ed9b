import { bearer, startTestApp, type TestApp } from './support/test-app';
import { person } from './support/people';
import { draft } from './support/scenario';
import { expectProblem } from './support/problem';

/**
 * `?asOf=DAY` answers what the live answer was at the end of that day in Asia/Shanghai (UTC+8): the test
 * clock records events on different days, the live answers are captured as each day ends, and later the
 * `asOf` answers must equal them.
 */
describe('time travel over HTTP: asOf equals the live answer of that day', () => {
  let t: TestApp;
  const clerk = (): { Authorization: string } => bearer(t.tokens.clerk!);
  const auditor = (): { Authorization: string } => bearer(t.tokens.auditor!);
  const admin = (): { Authorization: string } => bearer(t.tokens.admin!);
  const carer = person({ category: 'intellectual', birthDate: '1986-02-02', township: '梅山镇' });
  const later = person({ category: 'mental', birthDate: '1990-10-10', township: '青山镇' });

  /** The live answers this test compares: two people and the year's reports. */
  const views = {
    carer: () => `/api/v1/beneficiaries/${carer.certificateNumber}`,
    later: () => `/api/v1/beneficiaries/${later.certificateNumber}`,
    funding: () => '/api/v1/reports/funding?year=2024',
    programs: () => '/api/v1/reports/programs?year=2024',
    townships: () => '/api/v1/reports/townships?year=2024',
  };
  type View = keyof typeof views;
  const liveAt = new Map<string, Partial<Record<View, { status: number; body: unknown }>>>();

  async function captureLive(day: string): Promise<void> {
    const answers: Partial<Record<View, { status: number; body: unknown }>> = {};
    for (const [name, path] of Object.entries(views) as Array<[View, () => string]>) {
      const res = await t.http.get(path()).set(auditor());
      answers[name] = { status: res.status, body: comparable(res.status, res.body) };
    }
    liveAt.set(day, answers);
  }

  /** A refusal's detail names the day asked about; what must match is the kind of answer. */
  const comparable = (status: number, body: unknown): unknown =>
    status === 200 ? body : { status, type: (body as { type: string }).type };

  const withAsOf = (path: string, day: string): string =>
    `${path}${path.includes('?') ? '&' : '?'}asOf=${day}`;

  beforeAll(async () => {
    t = await startTestApp();

    // 2024-03-01, 10:00 in Jinzhai: the care year opens with upper-level money only; a person is registered and enrolled.
    t.clock.set('2024-03-01T02:00:00Z');
    await t.http
      .put('/api/v1/programs/care-services/years/2024')
      .set(admin())
      .send({
        quota: 89,
        rates: { residential: '12000.00', day: '4000.00', home: '2000.00' },
        fundingPlan: { upper: '133500.00', county: '74500.00' },
      })
      .expect(201);
    await t.http
      .post('/api/v1/programs/care-services/years/2024/allocations')
      .set(admin())
      .send({
        source: 'upper',
        amount: '133500.00',
        reference: '皖残联〔2024〕8号',
        receivedOn: '2024-03-01',
      })
      .expect(201);
    await t.http.post('/api/v1/beneficiaries').set(clerk()).send(carer).expect(201);
    await t.http
      .post('/api/v1/enrollments')
      .set(clerk())
      .send({
        certificateNumber: carer.certificateNumber,
        programCode: 'care-services',
        year: 2024,
        tier: 'day',
      })
      .expect(201);
    await captureLive('2024-03-01');

    // 2024-03-05: county money arrives; a first payment to the carer is approved.
    t.clock.set('2024-03-05T01:30:00Z');
    await t.http
      .post('/api/v1/programs/care-services/years/2024/allocations')
      .set(admin())
      .send({ source: 'county', amount: '74500.00', reference: '金财〔2024〕2号', receivedOn: '2024-03-05' })
      .expect(201);
    const first = await draft(t, {
      programCode: 'care-services',
      year: 2024,
      lines: [{ certificateNumber: carer.certificateNumber, amount: '1000.00' }],
    });
    await t.http
      .post(`/api/v1/payment-batches/${first.batchId}/approval`)
      .set(bearer(t.tokens.approver!))
      .expect(200);
    await captureLive('2024-03-05');

    // 2024-03-09 at 23:59:59.999 in Jinzhai (15:59:59.999 UTC): the bank fails that payment — still the 9th.
    t.clock.set('2024-03-09T15:59:59.999Z');
    await t.http
      .post(`/api/v1/payment-batches/${first.batchId}/bank-returns`)
      .set(clerk())
      .send({
        lines: [{ lineId: first.lines[0]!.lineId, result: 'failed', reason: '账户已冻结 account frozen' }],
      })
      .expect(200);
    await captureLive('2024-03-09');

    // Midnight in Jinzhai (16:00 UTC, still the 9th in UTC) is already the 10th: a second person, a move, a new payment.
    t.clock.set('2024-03-09T16:00:00.000Z');
    await t.http.post('/api/v1/beneficiaries').set(clerk()).send(later).expect(201);
    await t.http
      .post('/api/v1/enrollments')
      .set(clerk())
      .send({
        certificateNumber: later.certificateNumber,
        programCode: 'care-services',
        year: 2024,
        tier: 'home',
      })
      .expect(201);
    await t.http
      .post(`/api/v1/beneficiaries/${carer.certificateNumber}/township`)
      .set(clerk())
      .send({ township: '油坊店乡', reason: 'moved in with her sister' })
      .expect(201);
    const second = await draft(t, { programCode: 'care-services', year: 2024, payOutstanding: true });
    await t.http
      .post(`/api/v1/payment-batches/${second.batchId}/approval`)
      .set(bearer(t.tokens.approver!))
      .expect(200);
    t.clock.set('2024-03-10T15:00:00Z'); // 23:00 on the 10th: the bank confirms
    await t.http
      .post(`/api/v1/payment-batches/${second.batchId}/bank-returns`)
      .set(clerk())
      .send({ lines: second.lines.map((l) => ({ lineId: l.lineId, result: 'paid' })) })
      .expect(200);
    await captureLive('2024-03-10');

    // 2024-03-20: one payment is reversed and the carer is re-assessed (a new certificate number).
    t.clock.set('2024-03-20T03:00:00Z');
    const laterLine = second.lines.find((l) => l.certificateNumber === later.certificateNumber)!;
    await t.http
      .post(`/api/v1/payments/${laterLine.lineId}/reversal`)
      .set(bearer(t.tokens.approver!))
      .send({ reason: 'enrolled in error: lives in residential care elsewhere' })
      .expect(200);
    await t.http
      .post(`/api/v1/beneficiaries/${carer.certificateNumber}/reassessment`)
      .set(clerk())
      .send({ category: 'intellectual', grade: 1, reason: '2024 re-assessment' })
      .expect(201);
    await captureLive('2024-03-20');
  });
  afterAll(() => t.close());

  it('the days differ from one another (so equality below means something)', () => {
    const days = [...liveAt.keys()];
    for (const view of Object.keys(views) as View[]) {
      const distinct = new Set(days.map((d) => JSON.stringify(liveAt.get(d)![view])));
      expect({ view, distinct: distinct.size > 1 }).toEqual({ view, distinct: true });
    }
    expect(liveAt.get('2024-03-09')!.carer).not.toEqual(liveAt.get('2024-03-10')!.carer);
  });

  it.each([
    ['2024-03-01', '2024-03-01'],
    ['2024-03-04', '2024-03-01'], // nothing recorded on the 2nd–4th
    ['2024-03-05', '2024-03-05'],
    ['2024-03-09', '2024-03-09'], // includes 23:59:59.999 Jinzhai time, excludes midnight
    ['2024-03-10', '2024-03-10'],
    ['2024-03-19', '2024-03-10'],
    ['2024-03-20', '2024-03-20'],
    ['2024-12-31', '2024-03-20'],
  ])('asOf=%s answers what the live answers were at the end of %s', async (asOf, day) => {
    const live = liveAt.get(day)!;
    for (const [name, path] of Object.entries(views) as Array<[View, () => string]>) {
      const res = await t.http.get(withAsOf(path(), asOf)).set(auditor());
      expect({ view: name, status: res.status, body: comparable(res.status, res.body) }).toEqual({
        view: name,
        ...live[name]!,
      });
    }
  });

  it('knows nobody before they were registered (404), and no program-year before it was opened', async () => {
    expect(liveAt.get('2024-03-09')!.later!.status).toBe(404);
    const res = await t.http.get(withAsOf(views.later(), '2024-03-09')).set(auditor());
    expectProblem(res, 404);
    expectProblem(await t.http.get(withAsOf(views.carer(), '2024-02-29')).set(auditor()), 404);
    const funding = await t.http.get(withAsOf(views.funding(), '2024-02-29')).set(auditor()).expect(200);
    expect(funding.body).toEqual([]);
  });

  it('finds a person by a certificate number they held before, as they stood then', async () => {
    const now = await t.http.get(views.carer()).set(auditor()).expect(200);
    expect(now.body.certificateNumber).not.toBe(carer.certificateNumber); // re-assessed on the 20th
    const then = await t.http.get(withAsOf(views.carer(), '2024-03-10')).set(auditor()).expect(200);
    expect(then.body).toEqual(liveAt.get('2024-03-10')!.carer!.body);
    expect(then.body.certificateNumber).toBe(carer.certificateNumber);
  });

  it('asOf reports answer CSV too, the same figures as the live CSV of that day would have', async () => {
    const json = await t.http.get(withAsOf(views.funding(), '2024-03-05')).set(auditor()).expect(200);
    const csv = await t.http
      .get(withAsOf(views.funding(), '2024-03-05'))
      .set(auditor())
      .set('Accept', 'text/csv')
      .expect(200);
    const [, row] = csv.text.trimEnd().split(/\r?\n/);
    const care = json.body[0] as Record<string, Record<string, string>>;
    expect(row!.split(',').slice(2)).toEqual(
      ['allocated', 'disbursed', 'available'].flatMap((k) => [
        care[k]!.upper,
        care[k]!.county,
        care[k]!.total,
      ]),
    );
  });
});
