import { loadConfig } from '@subsidy/ledger/config/ledger-config';
import { runReplay } from '../../apps/cli/src/commands/replay.command';
import { runSeal } from '../../apps/cli/src/commands/seal.command';
import { runVerify } from '../../apps/cli/src/commands/verify.command';
import { person } from '../e2e/support/people';
import { bearer, startTestApp, type TestApp } from '../e2e/support/test-app';

/**
 * The audit commands on a ledger written by the real HTTP API over several days: the log verifies (read models
 * included) and seals, and a report replayed to a past day is the one the API answered that day.
 */
describe('audit of a ledger written through the API', () => {
  let t: TestApp;
  const csvOnDay1: Record<string, string> = {};
  const cli = () => loadConfig({ LEDGER_DATA_DIR: t.dataDir }, { clock: t.clock.now });
  const run = async (command: typeof runVerify, ...args: string[]) => {
    let out = '';
    const code = await command(args, cli(), (text) => (out += text));
    return { code, out };
  };
  const report = async (name: string) =>
    (
      await t.http
        .get(`/api/v1/reports/${name}?year=2024`)
        .set(bearer(t.tokens.auditor!))
        .set('Accept', 'text/csv')
        .expect(200)
    ).text;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = bearer(t.tokens.admin!);
    const clerk = bearer(t.tokens.clerk!);
    t.clock.set('2024-03-01T02:00:00Z'); // 10:00 in Shanghai
    await t.http
      .put('/api/v1/programs/care-services/years/2024')
      .set(admin)
      .send({
        quota: 5,
        rates: { residential: '12000.00', day: '4000.00', home: '2000.00' },
        fundingPlan: { upper: '8000.00', county: '2000.00' },
      })
      .expect(201);
    await t.http
      .post('/api/v1/programs/care-services/years/2024/allocations')
      .set(admin)
      .send({ source: 'upper', amount: '8000.00', reference: '皖残联〔2024〕12号', receivedOn: '2024-03-01' })
      .expect(201);
    const certs: string[] = [];
    for (let i = 0; i < 5; i++) {
      const body = person({ category: 'intellectual', birthDate: '1985-06-15' });
      await t.http.post('/api/v1/beneficiaries').set(clerk).send(body).expect(201);
      await t.http
        .post('/api/v1/enrollments')
        .set(clerk)
        .send({
          certificateNumber: body.certificateNumber,
          programCode: 'care-services',
          year: 2024,
          tier: 'home',
        })
        .expect(201);
      certs.push(body.certificateNumber);
    }
    for (const name of ['funding', 'programs', 'townships']) csvOnDay1[name] = await report(name);

    t.clock.set('2024-03-04T07:00:00Z'); // days later: county money arrives and everyone is paid
    await t.http
      .post('/api/v1/programs/care-services/years/2024/allocations')
      .set(admin)
      .send({ source: 'county', amount: '2000.00', reference: '金财〔2024〕30号', receivedOn: '2024-03-04' })
      .expect(201);
    const draft = await t.http
      .post('/api/v1/payment-batches')
      .set(clerk)
      .send({ programCode: 'care-services', year: 2024, payOutstanding: true })
      .expect(201);
    await t.http
      .post(`/api/v1/payment-batches/${draft.body.batchId}/approval`)
      .set(bearer(t.tokens.approver!))
      .expect(200);
  });
  afterAll(() => t.close());

  it.each(['funding', 'programs', 'townships'])(
    'replays the %s report of 2024-03-01 as the API gave it then',
    async (name) => {
      const { code, out } = await run(runReplay, '--to', '2024-03-01', '--report', name, '--format', 'csv');
      expect(code).toBe(0);
      expect(out).toBe(csvOnDay1[name]);
      expect(await report(name)).not.toBe(out); // and today's differs
    },
  );

  it('verifies the log and the live read models of the running server, seals, and verifies the receipt', async () => {
    const first = await run(runVerify);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^verify: OK\n/);
    expect(first.out).toMatch(/read models {2}7 projections, \d+ tables, [1-9]\d* rows compared/);

    let receipt = '';
    expect(await runSeal([], cli(), { out: (text) => (receipt += text), err: () => undefined })).toBe(0);
    const second = await run(runVerify, '--receipt', receipt.split('\n')[0]!);
    expect(second.code).toBe(0);
    expect(second.out).toContain('  receipts     1 checked');
  });
});
