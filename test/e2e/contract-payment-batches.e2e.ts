import { bearer, startTestApp, type TestApp } from './support/test-app';
import { certificateNumber, person } from './support/people';
import { draft, openProgramYear, registerAndEnroll } from './support/scenario';
import { logSnapshot } from './support/event-log';
import { expectProblem, fieldsOf } from './support/problem';
import { fen, sumFen, yuan } from './support/money';

/**
 * Contract rows: POST /payment-batches, POST /payment-batches/{id}/approval, GET /payment-batches(/{id}),
 * GET /payment-batches/{id}/bank-file, POST /payment-batches/{id}/bank-returns, POST /payments/{lineId}/reversal.
 */
interface Line {
  lineId: string;
  certificateNumber: string;
  amount: string;
  status: string;
  funding: { upper: string; county: string };
}
interface Entitlement {
  programCode: string;
  year: number;
  entitled: string;
  paid: string;
  outstanding: string;
  funding: { upper: string; county: string };
}
type Split = { upper: string; county: string; total: string };
interface FundingRow {
  programCode: string;
  allocated: Split;
  disbursed: Split;
  available: Split;
}

const CARE = { programCode: 'care-services', year: 2024 } as const;
const HOME = '2000.00'; // 居家托养 home care, per person-year
const DAY = '4000.00'; // 日间照料 day care

describe('payment batches: draft, approve, bank file, bank returns, reversal', () => {
  let t: TestApp;
  const clerk = (): { Authorization: string } => bearer(t.tokens.clerk!);
  const approver = (): { Authorization: string } => bearer(t.tokens.approver!);
  const auditor = (): { Authorization: string } => bearer(t.tokens.auditor!);
  const home: string[] = [];
  let dayCare = '';
  const bankAccounts = new Map<string, { name: string; bankAccount: string }>();

  beforeAll(async () => {
    t = await startTestApp();
    await openProgramYear(t, {
      ...CARE,
      rates: { residential: '12000.00', day: DAY, home: HOME },
      plan: { upper: '133500.00', county: '74500.00' },
      allocate: { upper: '133500.00', county: '74500.00' },
      quota: 89,
    });
    for (let i = 0; i < 8; i++) {
      const body = person({ category: i % 2 ? 'mental' : 'intellectual', birthDate: '1984-04-04' });
      await t.http.post('/api/v1/beneficiaries').set(clerk()).send(body).expect(201);
      await t.http
        .post('/api/v1/enrollments')
        .set(clerk())
        .send({ certificateNumber: body.certificateNumber, ...CARE, tier: 'home' })
        .expect(201);
      bankAccounts.set(body.certificateNumber, { name: body.name, bankAccount: body.bankAccount });
      home.push(body.certificateNumber);
    }
    dayCare = await registerAndEnroll(t, { ...CARE, tier: 'day', category: 'mental' });
  });
  afterAll(() => t.close());

  const batch = async (
    batchId: string,
  ): Promise<{ status: string; lines: Line[] } & Record<string, unknown>> =>
    (await t.http.get(`/api/v1/payment-batches/${batchId}`).set(auditor()).expect(200)).body;
  const entitlement = async (cert: string): Promise<Entitlement> =>
    (
      (await t.http.get(`/api/v1/beneficiaries/${cert}`).set(clerk()).expect(200)).body
        .entitlements as Entitlement[]
    ).find((e) => e.programCode === 'care-services')!;
  const careFunding = async (): Promise<FundingRow> =>
    (
      await t.http
        .get('/api/v1/reports/funding?year=2024&programCode=care-services')
        .set(auditor())
        .expect(200)
    ).body[0];
  const approve = (batchId: string, token = t.tokens.approver!) =>
    t.http.post(`/api/v1/payment-batches/${batchId}/approval`).set(bearer(token));

  describe('POST /payment-batches', () => {
    it('drafts explicit lines: 201 with the batch id, status draft, the total and one line id per line', async () => {
      const res = await t.http
        .post('/api/v1/payment-batches')
        .set(clerk())
        .send({
          ...CARE,
          lines: [
            { certificateNumber: home[0], amount: '500.00' },
            { certificateNumber: dayCare, amount: '1234.56' },
          ],
        })
        .expect(201);
      expect(res.body).toMatchObject({ batchId: expect.any(String), status: 'draft', total: '1734.56' });
      expect(res.body.lines).toEqual([
        { lineId: expect.any(String), certificateNumber: home[0], amount: '500.00' },
        { lineId: expect.any(String), certificateNumber: dayCare, amount: '1234.56' },
      ]);
      expect(new Set(res.body.lines.map((l: Line) => l.lineId)).size).toBe(2);
      expect(res.headers['ledger-position']).toMatch(/^\d+$/);
    });

    it('drafts payOutstanding: a line for everyone still owed, for all they are owed', async () => {
      const res = await t.http
        .post('/api/v1/payment-batches')
        .set(clerk())
        .send({ ...CARE, payOutstanding: true })
        .expect(201);
      // A draft reserves nothing: the lines drafted above do not reduce what is still owed.
      const expected = [...home.map((c) => [c, HOME]), [dayCare, DAY]].map(([c, a]) => ({
        lineId: expect.any(String),
        certificateNumber: c,
        amount: a,
      }));
      expect(res.body.lines).toEqual(expect.arrayContaining(expected));
      expect(res.body.lines).toHaveLength(expected.length);
      expect(res.body.total).toBe(yuan(sumFen(expected.map((l) => l.amount))));
      expect(res.body.warnings).toEqual([]);
    });

    it('refuses with 422 a line above what the person is still owed, naming lines[i], and records nothing', async () => {
      const before = logSnapshot(t.dataDir);
      const over = await t.http
        .post('/api/v1/payment-batches')
        .set(clerk())
        .send({
          ...CARE,
          lines: [
            { certificateNumber: home[1], amount: '100.00' },
            { certificateNumber: home[2], amount: yuan(fen(HOME) + 1n) },
          ],
        });
      expectProblem(over, 422);
      expect(fieldsOf(over)).toEqual(['lines[1].amount']);
      expect(over.body.errors[0].message).toContain(HOME); // what is still owed

      // Two lines for one person share what that person is owed.
      const shared = await t.http
        .post('/api/v1/payment-batches')
        .set(clerk())
        .send({
          ...CARE,
          lines: [
            { certificateNumber: home[1], amount: '1500.00' },
            { certificateNumber: home[1], amount: '500.01' },
          ],
        });
      expectProblem(shared, 422);
      expect(fieldsOf(shared)).toEqual(['lines[1].amount']);
      expect(logSnapshot(t.dataDir)).toEqual(before);
    });

    it('refuses with 422 a line for someone not enrolled or not registered, naming the line', async () => {
      const outsider = person({ category: 'visual' });
      await t.http.post('/api/v1/beneficiaries').set(clerk()).send(outsider).expect(201);
      const before = logSnapshot(t.dataDir);
      const notEnrolled = await t.http
        .post('/api/v1/payment-batches')
        .set(clerk())
        .send({ ...CARE, lines: [{ certificateNumber: outsider.certificateNumber, amount: '10.00' }] });
      expectProblem(notEnrolled, 422);
      expect(fieldsOf(notEnrolled)).toEqual(['lines[0].certificateNumber']);
      const nobody = await t.http
        .post('/api/v1/payment-batches')
        .set(clerk())
        .send({
          ...CARE,
          lines: [
            { certificateNumber: home[0], amount: '10.00' },
            { certificateNumber: certificateNumber('1966-06-06', 606, 'mental', 2), amount: '10.00' },
          ],
        });
      expectProblem(nobody, 422);
      expect(fieldsOf(nobody)).toEqual(['lines[1].certificateNumber']);
      expect(logSnapshot(t.dataDir)).toEqual(before);
    });

    it('answers 400 for malformed input, 401 without a token, 403 for a role that does not draft, 404 for a year never opened', async () => {
      const before = logSnapshot(t.dataDir);
      const bad = await t.http
        .post('/api/v1/payment-batches')
        .set(clerk())
        .send({ ...CARE, lines: [{ certificateNumber: home[0], amount: 10 }] });
      expectProblem(bad, 400);
      expect(fieldsOf(bad)).toContain('lines[0].amount');
      const both = await t.http
        .post('/api/v1/payment-batches')
        .set(clerk())
        .send({ ...CARE, lines: [{ certificateNumber: home[0], amount: '10.00' }], payOutstanding: true });
      expectProblem(both, 400);
      const none = await t.http
        .post('/api/v1/payment-batches')
        .set(clerk())
        .send({ ...CARE });
      expectProblem(none, 400);
      expectProblem(
        await t.http.post('/api/v1/payment-batches').send({ ...CARE, payOutstanding: true }),
        401,
      );
      expectProblem(
        await t.http
          .post('/api/v1/payment-batches')
          .set(approver())
          .send({ ...CARE, payOutstanding: true }),
        403,
      );
      expectProblem(
        await t.http
          .post('/api/v1/payment-batches')
          .set(bearer(t.tokens.admin!))
          .send({ ...CARE, payOutstanding: true }),
        403,
      );
      expectProblem(
        await t.http
          .post('/api/v1/payment-batches')
          .set(clerk())
          .send({ programCode: 'care-services', year: 2030, payOutstanding: true }),
        404,
      );
      expect(logSnapshot(t.dataDir)).toEqual(before);
    });
  });

  describe('funds: a shortfall is a warning when drafting and a refusal when approving', () => {
    // Fuel subsidy with a 50/50 plan: each payment is split half and half, so the shortfall is plain to see.
    let cert = '';
    beforeAll(async () => {
      await openProgramYear(t, {
        programCode: 'fuel-subsidy',
        year: 2024,
        rates: { standard: '500.00' },
        plan: { upper: '1000.00', county: '1000.00' },
        allocate: { upper: '300.00' },
      });
      cert = await registerAndEnroll(t, { programCode: 'fuel-subsidy', year: 2024, category: 'physical' });
    });

    it('still drafts (201) and reports the shortfall by source in warnings', async () => {
      const res = await t.http
        .post('/api/v1/payment-batches')
        .set(clerk())
        .send({
          programCode: 'fuel-subsidy',
          year: 2024,
          lines: [{ certificateNumber: cert, amount: '500.00' }],
        })
        .expect(201);
      // 500.00 split 50/50 needs 250.00 county money, and none has been received; upper holds 300.00, enough.
      expect(res.body.warnings).toEqual([
        expect.objectContaining({ source: 'county', shortfall: '250.00', message: expect.any(String) }),
      ]);
    });

    it('refuses the approval whole (422, naming the source) and records nothing; approves once the money is in', async () => {
      const drafted = await draft(t, {
        programCode: 'fuel-subsidy',
        year: 2024,
        lines: [{ certificateNumber: cert, amount: '500.00' }],
      });
      const before = logSnapshot(t.dataDir);
      const refused = await approve(drafted.batchId);
      expectProblem(refused, 422);
      expect(fieldsOf(refused)).toEqual(['funding.county']);
      expect(logSnapshot(t.dataDir)).toEqual(before);
      expect((await batch(drafted.batchId)).status).toBe('draft');

      await t.http
        .post('/api/v1/programs/fuel-subsidy/years/2024/allocations')
        .set(bearer(t.tokens.admin!))
        .send({ source: 'county', amount: '250.00', reference: '金财〔2024〕7号', receivedOn: '2024-05-01' })
        .expect(201);
      expect((await approve(drafted.batchId).expect(200)).body).toMatchObject({ status: 'approved' });
      const funding = (
        await t.http
          .get('/api/v1/reports/funding?year=2024&programCode=fuel-subsidy')
          .set(auditor())
          .expect(200)
      ).body[0] as FundingRow;
      expect(funding.disbursed).toEqual({ upper: '250.00', county: '250.00', total: '500.00' });
      expect(funding.available).toEqual({ upper: '50.00', county: '0.00', total: '50.00' });
    });
  });

  describe('POST /payment-batches/{id}/approval', () => {
    it('approves (200 {status: "approved"}) and records each payment split between sources', async () => {
      const drafted = await draft(t, { ...CARE, lines: [{ certificateNumber: home[0], amount: '700.00' }] });
      const before = await careFunding();
      const res = await approve(drafted.batchId).expect(200);
      expect(res.body).toMatchObject({ status: 'approved' });
      expect(BigInt(res.headers['ledger-position'] as string)).toBeGreaterThan(0n);
      const after = await careFunding();
      expect(fen(after.disbursed.total) - fen(before.disbursed.total)).toBe(fen('700.00'));
      expect(fen(after.disbursed.upper) - fen(before.disbursed.upper)).toBeGreaterThan(0n);
      expect(fen(after.disbursed.county) - fen(before.disbursed.county)).toBeGreaterThan(0n);
      expect(await entitlement(home[0]!)).toMatchObject({ paid: '700.00', outstanding: '1300.00' });
    });

    it('answers 403 to the maker and to a role that does not approve, 404 to an unknown batch, 409 the second time', async () => {
      const drafted = await draft(
        t,
        { ...CARE, lines: [{ certificateNumber: home[1], amount: '100.00' }] },
        t.tokens.makerChecker!,
      );
      const before = logSnapshot(t.dataDir);
      expectProblem(await approve(drafted.batchId, t.tokens.makerChecker!), 403);
      expectProblem(await approve(drafted.batchId, t.tokens.clerk!), 403);
      expectProblem(await approve(drafted.batchId, t.tokens.auditor!), 403);
      expectProblem(await t.http.post(`/api/v1/payment-batches/${drafted.batchId}/approval`), 401);
      expectProblem(await approve('0192f3c4-0000-7000-8000-000000000000'), 404);
      expect(logSnapshot(t.dataDir)).toEqual(before);

      await approve(drafted.batchId).expect(200);
      const again = logSnapshot(t.dataDir);
      expectProblem(await approve(drafted.batchId, t.tokens.approver2!), 409);
      expect(logSnapshot(t.dataDir)).toEqual(again);
    });

    it('re-checks what is owed at approval: a draft overtaken by another payment is refused whole (422)', async () => {
      const first = await draft(t, { ...CARE, lines: [{ certificateNumber: home[2], amount: HOME }] });
      const second = await draft(t, {
        ...CARE,
        lines: [
          { certificateNumber: home[3], amount: '100.00' },
          { certificateNumber: home[2], amount: '1.00' },
        ],
      });
      await approve(first.batchId).expect(200);
      const before = logSnapshot(t.dataDir);
      const refused = await approve(second.batchId);
      expectProblem(refused, 422);
      expect(fieldsOf(refused)).toEqual(['lines[1].amount']);
      expect(logSnapshot(t.dataDir)).toEqual(before);
      expect(await entitlement(home[3]!)).toMatchObject({ paid: '0.00', outstanding: HOME }); // nothing of it paid
    });
  });

  describe('a batch through its life: GET /payment-batches/{id}, bank file, bank returns, reversal', () => {
    let batchId = '';
    let lines: Line[] = [];
    const payees = (): string[] => [home[4]!, home[5]!, home[6]!, home[7]!];

    beforeAll(async () => {
      const drafted = await draft(t, {
        ...CARE,
        lines: payees().map((c) => ({ certificateNumber: c, amount: HOME })),
      });
      batchId = drafted.batchId;
    });

    it('shows a draft with every line "draft" and nothing split yet', async () => {
      const b = await batch(batchId);
      expect(b).toMatchObject({
        batchId,
        programCode: 'care-services',
        year: 2024,
        status: 'draft',
        lineCount: 4,
      });
      expect(b.lines.map((l) => [l.certificateNumber, l.amount, l.status])).toEqual(
        payees().map((c) => [c, HOME, 'draft']),
      );
      for (const l of b.lines) expect(l.funding).toEqual({ upper: '0.00', county: '0.00' });
      lines = b.lines;
    });

    it('has no bank file while a draft (409), and none for an unknown batch (404)', async () => {
      expectProblem(await t.http.get(`/api/v1/payment-batches/${batchId}/bank-file`).set(clerk()), 409);
      expectProblem(await t.http.get('/api/v1/payment-batches/no-such-batch/bank-file').set(clerk()), 404);
      expectProblem(await t.http.get('/api/v1/payment-batches/no-such-batch').set(clerk()), 404);
    });

    it('after approval: every line "approved" with a split that sums to its amount exactly', async () => {
      await approve(batchId).expect(200);
      const b = await batch(batchId);
      expect(b).toMatchObject({ status: 'approved', approver: 'approver-zhao', maker: 'clerk-li' });
      for (const l of b.lines) {
        expect(l.status).toBe('approved');
        expect(fen(l.funding.upper) + fen(l.funding.county)).toBe(fen(l.amount));
        expect(fen(l.funding.upper)).toBeGreaterThan(0n);
        expect(fen(l.funding.county)).toBeGreaterThan(0n);
      }
      lines = b.lines;
    });

    it('gives the bank file as text/csv: line id, masked ID number, name, full account, amount, and a closing row', async () => {
      for (const token of [t.tokens.clerk!, t.tokens.approver!, t.tokens.auditor!]) {
        const res = await t.http
          .get(`/api/v1/payment-batches/${batchId}/bank-file`)
          .set(bearer(token))
          .expect(200);
        expect(res.headers['content-type']).toMatch(/^text\/csv/);
        const rows = res.text
          .trimEnd()
          .split(/\r?\n/)
          .map((r) => r.split(','));
        const body = rows.filter((r) => lines.some((l) => l.lineId === r[0]));
        expect(body).toHaveLength(4);
        for (const [i, row] of body.entries()) {
          const cert = payees()[i]!;
          const id = cert.slice(0, 18);
          expect(row[0]).toBe(lines[i]!.lineId);
          expect(row[1]).toBe(`${id.slice(0, 6)}********${id.slice(14)}`);
          expect(row[2]).toBe(bankAccounts.get(cert)!.name);
          expect(row[3]).toBe(bankAccounts.get(cert)!.bankAccount);
          expect(row.at(-1)).toBe(HOME);
        }
        expect(res.text).not.toContain(payees()[0]!.slice(0, 18));
        const closing = rows.at(-1)!;
        expect(closing).toContain('4');
        expect(closing.at(-1)).toBe(yuan(4n * fen(HOME)));
      }
      expectProblem(
        await t.http.get(`/api/v1/payment-batches/${batchId}/bank-file`).set(bearer(t.tokens.admin!)),
        403,
      );
    });

    it('refuses bank returns naming unknown lines (400) and records nothing of them', async () => {
      const before = logSnapshot(t.dataDir);
      const res = await t.http
        .post(`/api/v1/payment-batches/${batchId}/bank-returns`)
        .set(clerk())
        .send({
          lines: [
            { lineId: lines[0]!.lineId, result: 'paid' },
            { lineId: `${batchId}-99`, result: 'paid' },
            { lineId: 'not-a-line', result: 'failed', reason: 'x' },
          ],
        });
      expectProblem(res, 400);
      expect(fieldsOf(res)).toEqual(['lines[1].lineId', 'lines[2].lineId']);
      const noReason = await t.http
        .post(`/api/v1/payment-batches/${batchId}/bank-returns`)
        .set(clerk())
        .send({ lines: [{ lineId: lines[0]!.lineId, result: 'failed' }] });
      expectProblem(noReason, 400);
      expect(fieldsOf(noReason)).toEqual(['lines[0].reason']);
      expect(logSnapshot(t.dataDir)).toEqual(before);
      expect((await batch(batchId)).lines.map((l) => l.status)).toEqual([
        'approved',
        'approved',
        'approved',
        'approved',
      ]);
    });

    it('records paid and failed lines (200); a failed line gives its amount back to the person and to the funds', async () => {
      const fundsBefore = await careFunding();
      const failed = lines[1]!;
      await t.http
        .post(`/api/v1/payment-batches/${batchId}/bank-returns`)
        .set(clerk())
        .send({
          lines: [
            { lineId: lines[0]!.lineId, result: 'paid' },
            { lineId: failed.lineId, result: 'failed', reason: '账户已销户 account closed' },
            { lineId: lines[2]!.lineId, result: 'paid' },
          ],
        })
        .expect(200);
      const b = await batch(batchId);
      expect(b.lines.map((l) => l.status)).toEqual(['paid', 'failed', 'paid', 'approved']);
      expect(b.lines[1]).toMatchObject({ reason: '账户已销户 account closed', funding: failed.funding });

      expect(await entitlement(failed.certificateNumber)).toMatchObject({ paid: '0.00', outstanding: HOME });
      expect(await entitlement(lines[0]!.certificateNumber)).toMatchObject({
        paid: HOME,
        outstanding: '0.00',
      });
      const fundsAfter = await careFunding();
      expect(fen(fundsAfter.available.upper) - fen(fundsBefore.available.upper)).toBe(
        fen(failed.funding.upper),
      );
      expect(fen(fundsAfter.available.county) - fen(fundsBefore.available.county)).toBe(
        fen(failed.funding.county),
      );
    });

    it('refuses a line returned a second time (409) and records nothing', async () => {
      const before = logSnapshot(t.dataDir);
      for (const ret of [
        { lineId: lines[0]!.lineId, result: 'paid' },
        { lineId: lines[0]!.lineId, result: 'failed', reason: 'late failure' },
        { lineId: lines[1]!.lineId, result: 'paid' },
      ]) {
        const res = await t.http
          .post(`/api/v1/payment-batches/${batchId}/bank-returns`)
          .set(clerk())
          .send({ lines: [{ lineId: lines[3]!.lineId, result: 'paid' }, ret] });
        expectProblem(res, 409);
        expect(fieldsOf(res)).toEqual(['lines[1].lineId']);
      }
      expect(logSnapshot(t.dataDir)).toEqual(before);
      expect((await batch(batchId)).lines[3]!.status).toBe('approved');
    });

    it('takes bank returns from clerks only (403), for batches that exist (404) and are approved (409)', async () => {
      const body = { lines: [{ lineId: lines[3]!.lineId, result: 'paid' }] };
      const before = logSnapshot(t.dataDir);
      expectProblem(
        await t.http.post(`/api/v1/payment-batches/${batchId}/bank-returns`).set(approver()).send(body),
        403,
      );
      expectProblem(
        await t.http.post('/api/v1/payment-batches/no-such-batch/bank-returns').set(clerk()).send(body),
        404,
      );
      expect(logSnapshot(t.dataDir)).toEqual(before);
      const aDraft = await draft(t, { ...CARE, lines: [{ certificateNumber: dayCare, amount: '1.00' }] });
      const before2 = logSnapshot(t.dataDir);
      expectProblem(
        await t.http
          .post(`/api/v1/payment-batches/${aDraft.batchId}/bank-returns`)
          .set(clerk())
          .send({ lines: [{ lineId: aDraft.lines[0]!.lineId, result: 'paid' }] }),
        409,
      );
      expect(logSnapshot(t.dataDir)).toEqual(before2);
    });

    it('reverses a paid line (approver, with a reason): the money goes back, the line shows "reversed"', async () => {
      const paid = lines[0]!;
      const fundsBefore = await careFunding();
      const res = await t.http
        .post(`/api/v1/payments/${paid.lineId}/reversal`)
        .set(approver())
        .send({ reason: '重复登记 paid twice under two registrations' })
        .expect(200);
      expect(res.headers['ledger-position']).toMatch(/^\d+$/);
      const b = await batch(batchId);
      expect(b.lines.map((l) => l.status)).toEqual(['reversed', 'failed', 'paid', 'approved']);
      expect(await entitlement(paid.certificateNumber)).toMatchObject({ paid: '0.00', outstanding: HOME });
      const fundsAfter = await careFunding();
      expect(fen(fundsAfter.available.upper) - fen(fundsBefore.available.upper)).toBe(
        fen(paid.funding.upper),
      );
      expect(fen(fundsAfter.available.county) - fen(fundsBefore.available.county)).toBe(
        fen(paid.funding.county),
      );
      const history = await t.http
        .get(`/api/v1/beneficiaries/${paid.certificateNumber}/history`)
        .set(clerk())
        .expect(200);
      expect(history.body.at(-1)).toMatchObject({
        type: 'PaymentReversed',
        actor: 'approver-zhao',
        reason: '重复登记 paid twice under two registrations',
      });
    });

    it('refuses a reversal a second time or of a failed line (409), without a reason (400), by a clerk (403), of an unknown line (404)', async () => {
      const before = logSnapshot(t.dataDir);
      const reverse = (lineId: string, body: object, token = t.tokens.approver!) =>
        t.http
          .post(`/api/v1/payments/${encodeURIComponent(lineId)}/reversal`)
          .set(bearer(token))
          .send(body);
      expectProblem(await reverse(lines[0]!.lineId, { reason: 'again' }), 409);
      expectProblem(await reverse(lines[1]!.lineId, { reason: 'failed already' }), 409);
      for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 42 }]) {
        const res = await reverse(lines[2]!.lineId, body);
        expectProblem(res, 400);
        expect(fieldsOf(res)).toEqual(['reason']);
      }
      expectProblem(await reverse(lines[2]!.lineId, { reason: 'x' }, t.tokens.clerk!), 403);
      expectProblem(await reverse(lines[2]!.lineId, { reason: 'x' }, t.tokens.auditor!), 403);
      expectProblem(await reverse(`${batchId}-99`, { reason: 'x' }), 404);
      expectProblem(await reverse('no-such-line', { reason: 'x' }), 404);
      expect(logSnapshot(t.dataDir)).toEqual(before);
      expect((await batch(batchId)).lines.map((l) => l.status)).toEqual([
        'reversed',
        'failed',
        'paid',
        'approved',
      ]);
    });

    it('keeps every line’s split summing to its amount, and the batch’s funding to its total', async () => {
      const b = await batch(batchId);
      for (const l of b.lines) expect(fen(l.funding.upper) + fen(l.funding.county)).toBe(fen(l.amount));
      const f = b.funding as { upper: string; county: string };
      expect(fen(f.upper) + fen(f.county)).toBe(fen(b.total as string));
    });
  });

  describe('GET /payment-batches', () => {
    it('lists batches newest first with their summary, filtered by program, year and status, page by page', async () => {
      const older = await draft(t, { ...CARE, lines: [{ certificateNumber: dayCare, amount: '2.00' }] });
      const newer = await draft(
        t,
        { ...CARE, lines: [{ certificateNumber: dayCare, amount: '3.00' }] },
        t.tokens.clerk2!,
      );
      const all = await t.http.get('/api/v1/payment-batches?limit=1000').set(auditor()).expect(200);
      const items = all.body.items as Array<Record<string, unknown>>;
      expect(items.slice(0, 2)).toEqual([
        {
          batchId: newer.batchId,
          ...CARE,
          status: 'draft',
          lineCount: 1,
          total: '3.00',
          maker: 'clerk-wang',
        },
        { batchId: older.batchId, ...CARE, status: 'draft', lineCount: 1, total: '2.00', maker: 'clerk-li' },
      ]);
      expect(all.body.nextCursor).toBeNull();
      expect(items.length).toBeGreaterThanOrEqual(8);
      for (const item of items) {
        expect(item).toEqual({
          batchId: expect.any(String),
          programCode: expect.any(String),
          year: 2024,
          status: expect.stringMatching(/^(draft|approved)$/),
          lineCount: expect.any(Number),
          total: expect.stringMatching(/^\d+\.\d{2}$/),
          maker: expect.any(String),
          ...(item.status === 'approved' ? { approver: expect.any(String) } : {}),
        });
      }

      const fuel = await t.http
        .get('/api/v1/payment-batches?programCode=fuel-subsidy')
        .set(auditor())
        .expect(200);
      expect(fuel.body.items.length).toBeGreaterThan(0);
      expect(fuel.body.items.every((i: { programCode: string }) => i.programCode === 'fuel-subsidy')).toBe(
        true,
      );
      expect(fuel.body.items.length).toBe(items.filter((i) => i.programCode === 'fuel-subsidy').length);
      for (const status of ['draft', 'approved']) {
        const res = await t.http
          .get(`/api/v1/payment-batches?status=${status}&year=2024&limit=1000`)
          .set(auditor());
        expect(res.body.items.map((i: { batchId: string }) => i.batchId)).toEqual(
          items.filter((i) => i.status === status).map((i) => i.batchId),
        );
      }
      expect((await t.http.get('/api/v1/payment-batches?year=2025').set(auditor()).expect(200)).body).toEqual(
        {
          items: [],
          nextCursor: null,
        },
      );

      // Pages of 3 walk the same list in the same order, each batch once.
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Array<{ batchId: string }>; nextCursor: string | null } } = await t.http
          .get(`/api/v1/payment-batches?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
          .set(auditor())
          .expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(3);
        walked.push(...page.body.items.map((i) => i.batchId));
        cursor = page.body.nextCursor;
      } while (cursor !== null);
      expect(walked).toEqual(items.map((i) => i.batchId));
    });

    it('answers 400 for a bad filter or a cursor it did not give out, and 401 without a token', async () => {
      for (const query of [
        'status=paid',
        'limit=0',
        'limit=abc',
        'year=24',
        'programCode=care',
        'cursor=bm9wZQ',
      ]) {
        const res = await t.http.get(`/api/v1/payment-batches?${query}`).set(auditor());
        expectProblem(res, 400);
      }
      const beneficiariesCursor = (await t.http.get('/api/v1/beneficiaries?limit=1').set(clerk()).expect(200))
        .body.nextCursor as string;
      expectProblem(
        await t.http
          .get(`/api/v1/payment-batches?cursor=${encodeURIComponent(beneficiariesCursor)}`)
          .set(auditor()),
        400,
      );
      expectProblem(await t.http.get('/api/v1/payment-batches'), 401);
    });
  });
});
