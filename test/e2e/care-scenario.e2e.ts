import { bearer, startTestApp, type TestApp } from './support/test-app';
import { person } from './support/people';

/**
 * The seed's Sunshine Home care year (阳光家园计划托养服务, Jinzhai 2024): 2 residential × 12,000 + 5 day × 4,000
 * + 82 home × 2,000 = 208,000, funded 133,500 upper-level + 74,500 county. Paying everyone must use exactly
 * those amounts, to the fen.
 */
describe('care-services 2024, end to end over HTTP', () => {
  let t: TestApp;
  const certs: Record<'residential' | 'day' | 'home', string[]> = { residential: [], day: [], home: [] };

  beforeAll(async () => {
    t = await startTestApp();
    const admin = bearer(t.tokens.admin!);
    const clerk = bearer(t.tokens.clerk!);
    await t.http
      .put('/api/v1/programs/care-services/years/2024')
      .set(admin)
      .send({
        quota: 89,
        rates: { residential: '12000.00', day: '4000.00', home: '2000.00' },
        fundingPlan: { upper: '133500.00', county: '74500.00' },
      })
      .expect(201);
    for (const [source, amount] of [
      ['upper', '133500.00'],
      ['county', '74500.00'],
    ] as const) {
      await t.http
        .post('/api/v1/programs/care-services/years/2024/allocations')
        .set(admin)
        .send({ source, amount, reference: `金残联〔2024〕${source}`, receivedOn: '2024-03-01' })
        .expect(201);
    }
    const tiers = [
      ['residential', 2],
      ['day', 5],
      ['home', 82],
    ] as const;
    for (const [tier, count] of tiers) {
      for (let i = 0; i < count; i++) {
        const body = person({ category: i % 2 === 0 ? 'intellectual' : 'mental', birthDate: '1985-06-15' });
        await t.http.post('/api/v1/beneficiaries').set(clerk).send(body).expect(201);
        const enrolled = await t.http
          .post('/api/v1/enrollments')
          .set(clerk)
          .send({ certificateNumber: body.certificateNumber, programCode: 'care-services', year: 2024, tier })
          .expect(201);
        expect(enrolled.body.entitled).toBe(tier === 'residential' ? '12000.00' : tier === 'day' ? '4000.00' : '2000.00');
        certs[tier].push(body.certificateNumber);
      }
    }
  });

  afterAll(() => t.close());

  it('pays everyone in full from exactly 133,500.00 upper and 74,500.00 county money', async () => {
    const draft = await t.http
      .post('/api/v1/payment-batches')
      .set(bearer(t.tokens.clerk!))
      .send({ programCode: 'care-services', year: 2024, payOutstanding: true })
      .expect(201);
    expect(draft.body).toMatchObject({ status: 'draft', total: '208000.00' });
    expect(draft.body.lines).toHaveLength(89);

    const approval = await t.http
      .post(`/api/v1/payment-batches/${draft.body.batchId}/approval`)
      .set(bearer(t.tokens.approver!))
      .expect(200);
    expect(approval.body.status).toBe('approved');

    const funding = await t.http
      .get('/api/v1/reports/funding?year=2024&programCode=care-services')
      .set(bearer(t.tokens.auditor!))
      .expect(200);
    expect(funding.body).toEqual([
      {
        programCode: 'care-services',
        year: 2024,
        allocated: { upper: '133500.00', county: '74500.00', total: '208000.00' },
        disbursed: { upper: '133500.00', county: '74500.00', total: '208000.00' },
        available: { upper: '0.00', county: '0.00', total: '0.00' },
      },
    ]);

    const batch = await t.http
      .get(`/api/v1/payment-batches/${draft.body.batchId}`)
      .set(bearer(t.tokens.auditor!))
      .expect(200);
    for (const line of batch.body.lines as Array<{ amount: string; funding: { upper: string; county: string } }>) {
      expect((BigInt(line.funding.upper.replace('.', '')) + BigInt(line.funding.county.replace('.', ''))).toString()).toBe(
        BigInt(line.amount.replace('.', '')).toString(),
      );
    }

    const programs = await t.http.get('/api/v1/reports/programs?year=2024').set(bearer(t.tokens.auditor!)).expect(200);
    expect(programs.body).toContainEqual({
      programCode: 'care-services',
      year: 2024,
      quota: 89,
      enrolled: 89,
      paidPersons: 89,
      paidAmount: '208000.00',
    });

    const someone = await t.http.get(`/api/v1/beneficiaries/${certs.home[0]}`).set(bearer(t.tokens.clerk!)).expect(200);
    expect(someone.body.entitlements).toEqual([
      expect.objectContaining({ programCode: 'care-services', year: 2024, tier: 'home', entitled: '2000.00', paid: '2000.00', outstanding: '0.00' }),
    ]);
  });

  it('gives a failed line back to the person and the funds, and re-pays it exactly', async () => {
    const batches = await t.http.get('/api/v1/payment-batches?programCode=care-services&year=2024').set(bearer(t.tokens.clerk!)).expect(200);
    const batchId = batches.body.items[0].batchId as string;
    const batch = await t.http.get(`/api/v1/payment-batches/${batchId}`).set(bearer(t.tokens.clerk!)).expect(200);
    const failedLine = (batch.body.lines as Array<{ lineId: string; certificateNumber: string }>).find(
      (l) => l.certificateNumber === certs.home[3],
    )!;
    const lines = (batch.body.lines as Array<{ lineId: string }>).map((l) =>
      l.lineId === failedLine.lineId
        ? { lineId: l.lineId, result: 'failed', reason: '账户已销户 account closed' }
        : { lineId: l.lineId, result: 'paid' },
    );
    await t.http.post(`/api/v1/payment-batches/${batchId}/bank-returns`).set(bearer(t.tokens.clerk!)).send({ lines }).expect(200);

    const person = await t.http.get(`/api/v1/beneficiaries/${certs.home[3]}`).set(bearer(t.tokens.clerk!)).expect(200);
    expect(person.body.entitlements[0]).toMatchObject({ paid: '0.00', outstanding: '2000.00' });
    const funding = await t.http.get('/api/v1/reports/funding?year=2024&programCode=care-services').set(bearer(t.tokens.clerk!)).expect(200);
    expect(funding.body[0].available.total).toBe('2000.00');

    const repay = await t.http
      .post('/api/v1/payment-batches')
      .set(bearer(t.tokens.clerk2!))
      .send({ programCode: 'care-services', year: 2024, payOutstanding: true })
      .expect(201);
    expect(repay.body.lines).toEqual([expect.objectContaining({ certificateNumber: certs.home[3], amount: '2000.00' })]);
    await t.http.post(`/api/v1/payment-batches/${repay.body.batchId}/approval`).set(bearer(t.tokens.approver!)).expect(200);
    const after = await t.http.get('/api/v1/reports/funding?year=2024&programCode=care-services').set(bearer(t.tokens.clerk!)).expect(200);
    expect(after.body[0].disbursed).toEqual({ upper: '133500.00', county: '74500.00', total: '208000.00' });
  });
});
