import { bearer, startTestApp, type TestApp } from './support/test-app';
import { draft, openProgramYear, registerAndEnroll } from './support/scenario';

/**
 * The money invariants under real concurrency: parallel HTTP requests against one server, racing on the
 * program-year stream's expected revision (no in-process lock anywhere).
 */
describe('approvals racing', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  it('approves a batch exactly once when twenty approvals race; the rest get 409', async () => {
    await openProgramYear(t, {
      programCode: 'psychiatric-medication',
      year: 2024,
      rates: { standard: '1200.00' },
      plan: { upper: '6000.00', county: '0.00' },
      allocate: { upper: '6000.00' },
    });
    for (let i = 0; i < 5; i++) await registerAndEnroll(t, { programCode: 'psychiatric-medication', year: 2024 });
    const batch = await draft(t, { programCode: 'psychiatric-medication', year: 2024, payOutstanding: true });

    const approvers = [t.tokens.approver!, t.tokens.approver2!];
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.http.post(`/api/v1/payment-batches/${batch.batchId}/approval`).set(bearer(approvers[i % 2]!)),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);

    const funding = await t.http.get('/api/v1/reports/funding?year=2024').set(bearer(t.tokens.auditor!)).expect(200);
    expect(funding.body[0].disbursed.total).toBe('6000.00');
  });

  it('never pays a person more than owed when two batches paying them are approved at once', async () => {
    await openProgramYear(t, {
      programCode: 'fuel-subsidy',
      year: 2024,
      rates: { standard: '500.00' },
      plan: { upper: '1000.00', county: '1000.00' },
      allocate: { upper: '1000.00', county: '1000.00' },
    });
    const cert = await registerAndEnroll(t, { programCode: 'fuel-subsidy', year: 2024, category: 'physical' });
    const a = await draft(t, { programCode: 'fuel-subsidy', year: 2024, lines: [{ certificateNumber: cert, amount: '500.00' }] });
    const b = await draft(t, { programCode: 'fuel-subsidy', year: 2024, lines: [{ certificateNumber: cert, amount: '500.00' }] }, t.tokens.clerk2!);

    const [ra, rb] = await Promise.all([
      t.http.post(`/api/v1/payment-batches/${a.batchId}/approval`).set(bearer(t.tokens.approver!)),
      t.http.post(`/api/v1/payment-batches/${b.batchId}/approval`).set(bearer(t.tokens.approver2!)),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([200, 422]);
    const person = await t.http.get(`/api/v1/beneficiaries/${cert}`).set(bearer(t.tokens.clerk!)).expect(200);
    expect(person.body.entitlements[0]).toMatchObject({ paid: '500.00', outstanding: '0.00' });
  });

  it('never overdraws a source when two batches race for its last money', async () => {
    await openProgramYear(t, {
      programCode: 'student-aid-higher',
      year: 2024,
      rates: { standard: '3000.00' },
      plan: { upper: '3000.00', county: '0.00' },
      allocate: { upper: '3000.00' },
    });
    const c1 = await registerAndEnroll(t, { programCode: 'student-aid-higher', year: 2024, birthDate: '2004-09-01' });
    const c2 = await registerAndEnroll(t, { programCode: 'student-aid-higher', year: 2024, birthDate: '2005-09-01' });
    const a = await draft(t, { programCode: 'student-aid-higher', year: 2024, lines: [{ certificateNumber: c1, amount: '3000.00' }] });
    const b = await draft(t, { programCode: 'student-aid-higher', year: 2024, lines: [{ certificateNumber: c2, amount: '3000.00' }] });

    const answers = await Promise.all([
      t.http.post(`/api/v1/payment-batches/${a.batchId}/approval`).set(bearer(t.tokens.approver!)),
      t.http.post(`/api/v1/payment-batches/${b.batchId}/approval`).set(bearer(t.tokens.approver2!)),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 422]);
    const refused = answers.find((r) => r.status === 422)!;
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    const funding = await t.http.get('/api/v1/reports/funding?year=2024').set(bearer(t.tokens.auditor!)).expect(200);
    expect(funding.body[0].available).toEqual({ upper: '0.00', county: '0.00', total: '0.00' });
  });

  it('refuses the maker approving their own batch (maker ≠ checker)', async () => {
    await openProgramYear(t, {
      programCode: 'psychiatric-medication',
      year: 2024,
      rates: { standard: '1200.00' },
      plan: { upper: '1200.00', county: '0.00' },
      allocate: { upper: '1200.00' },
    });
    await registerAndEnroll(t, { programCode: 'psychiatric-medication', year: 2024 });
    const batch = await draft(t, { programCode: 'psychiatric-medication', year: 2024, payOutstanding: true }, t.tokens.makerChecker!);
    const res = await t.http
      .post(`/api/v1/payment-batches/${batch.batchId}/approval`)
      .set(bearer(t.tokens.makerChecker!))
      .expect(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
