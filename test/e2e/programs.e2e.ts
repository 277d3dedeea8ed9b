import { bearer, startTestApp, type TestApp } from './support/test-app';
import { person } from './support/people';

describe('programs, allocations and enrollments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const admin = (): { Authorization: string } => bearer(t.tokens.admin!);
  const clerk = (): { Authorization: string } => bearer(t.tokens.clerk!);
  const careYear = {
    quota: 89,
    rates: { residential: '12000.00', day: '4000.00', home: '2000.00' },
    fundingPlan: { upper: '133500.00', county: '74500.00' },
  };

  it('opens a program-year with 201, then amends it with 200, and lists it in the catalogue', async () => {
    await t.http.put('/api/v1/programs/care-services/years/2024').set(admin()).send(careYear).expect(201);
    await t.http.put('/api/v1/programs/care-services/years/2024').set(admin()).send({ ...careYear, quota: 90 }).expect(200);
    const res = await t.http.get('/api/v1/programs?year=2024').set(clerk()).expect(200);
    const care = res.body.find((p: { programCode: string }) => p.programCode === 'care-services');
    expect(care).toMatchObject({ year: 2024, quota: 90, tiers: ['residential', 'day', 'home'], rates: careYear.rates });
    expect(res.body.map((p: { programCode: string }) => p.programCode)).toContain('psychiatric-medication');
  });

  it('records allocations and refuses money given as a number or with a third decimal', async () => {
    const ok = await t.http
      .post('/api/v1/programs/care-services/years/2024/allocations')
      .set(admin())
      .send({ source: 'upper', amount: '133500.00', reference: '皖残联〔2024〕8号', receivedOn: '2024-03-15' })
      .expect(201);
    expect(ok.body.allocationId).toEqual(expect.any(String));
    for (const amount of [133500, '133500.001', '-5.00', '0.00']) {
      const res = await t.http
        .post('/api/v1/programs/care-services/years/2024/allocations')
        .set(admin())
        .send({ source: 'upper', amount, reference: 'x', receivedOn: '2024-03-15' })
        .expect(400);
      expect(res.body.errors[0].field).toBe('amount');
    }
  });

  it('enrolls an eligible person with the tier rate, and refuses a second enrollment with 409', async () => {
    const body = person({ birthDate: '1990-01-01', category: 'intellectual', grade: 2 });
    await t.http.post('/api/v1/beneficiaries').set(clerk()).send(body).expect(201);
    const res = await t.http
      .post('/api/v1/enrollments')
      .set(clerk())
      .send({ certificateNumber: body.certificateNumber, programCode: 'care-services', year: 2024, tier: 'day' })
      .expect(201);
    expect(res.body).toEqual({ enrollmentId: expect.any(String), entitled: '4000.00' });
    await t.http
      .post('/api/v1/enrollments')
      .set(clerk())
      .send({ certificateNumber: body.certificateNumber, programCode: 'care-services', year: 2024, tier: 'home' })
      .expect(409);
  });

  it('refuses an ineligible person with 422 naming the rule and their value', async () => {
    const old = person({ birthDate: '1961-06-01', category: 'mental', grade: 1 });
    await t.http.post('/api/v1/beneficiaries').set(clerk()).send(old).expect(201);
    const res = await t.http
      .post('/api/v1/enrollments')
      .set(clerk())
      .send({ certificateNumber: old.certificateNumber, programCode: 'care-services', year: 2024, tier: 'home' })
      .expect(422);
    expect(res.body.detail).toContain('age on 2024-01-01 is 62');
  });

  it('answers 404 for enrolling in a program-year that was never opened', async () => {
    const body = person({ category: 'mental' });
    await t.http.post('/api/v1/beneficiaries').set(clerk()).send(body).expect(201);
    await t.http
      .post('/api/v1/enrollments')
      .set(clerk())
      .send({ certificateNumber: body.certificateNumber, programCode: 'psychiatric-medication', year: 2031 })
      .expect(404);
  });

  it('does not let a clerk open program-years, nor an auditor write anything', async () => {
    await t.http.put('/api/v1/programs/fuel-subsidy/years/2024').set(clerk()).send(careYear).expect(403);
    await t.http.post('/api/v1/beneficiaries').set(bearer(t.tokens.auditor!)).send(person()).expect(403);
  });
});
