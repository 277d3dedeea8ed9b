import { bearer, type TestApp } from './test-app';
import { person, type TestCategory } from './people';

/** Opens a program-year with a plan and allocates money to it, through the API. */
export async function openProgramYear(
  t: TestApp,
  opts: {
    programCode: string;
    year: number;
    rates: Record<string, string>;
    plan: { upper: string; county: string };
    allocate?: { upper?: string; county?: string };
    quota?: number;
  },
): Promise<void> {
  const admin = bearer(t.tokens.admin!);
  await t.http
    .put(`/api/v1/programs/${opts.programCode}/years/${opts.year}`)
    .set(admin)
    .send({ quota: opts.quota ?? 10, rates: opts.rates, fundingPlan: opts.plan })
    .expect(201);
  for (const source of ['upper', 'county'] as const) {
    const amount = opts.allocate?.[source];
    if (amount === undefined) continue;
    await t.http
      .post(`/api/v1/programs/${opts.programCode}/years/${opts.year}/allocations`)
      .set(admin)
      .send({ source, amount, reference: `ref-${source}`, receivedOn: `${opts.year}-03-01` })
      .expect(201);
  }
}

/** Registers a person and enrolls them; returns the certificate number. */
export async function registerAndEnroll(
  t: TestApp,
  opts: { programCode: string; year: number; tier?: string; category?: TestCategory; grade?: number; birthDate?: string },
): Promise<string> {
  const clerk = bearer(t.tokens.clerk!);
  const body = person({ category: opts.category ?? 'mental', grade: opts.grade, birthDate: opts.birthDate ?? '1980-05-05' });
  await t.http.post('/api/v1/beneficiaries').set(clerk).send(body).expect(201);
  await t.http
    .post('/api/v1/enrollments')
    .set(clerk)
    .send({ certificateNumber: body.certificateNumber, programCode: opts.programCode, year: opts.year, ...(opts.tier ? { tier: opts.tier } : {}) })
    .expect(201);
  return body.certificateNumber;
}

export async function draft(
  t: TestApp,
  body: Record<string, unknown>,
  token = t.tokens.clerk!,
): Promise<{ batchId: string; lines: Array<{ lineId: string; certificateNumber: string; amount: string }> }> {
  const res = await t.http.post('/api/v1/payment-batches').set(bearer(token)).send(body).expect(201);
  return res.body as { batchId: string; lines: Array<{ lineId: string; certificateNumber: string; amount: string }> };
}
