import { bearer, startTestApp, type TestApp } from './support/test-app';
import { certificateNumber, person } from './support/people';
import { draft, openProgramYear } from './support/scenario';
import { logSnapshot } from './support/event-log';
import { expectProblem, fieldsOf } from './support/problem';

/**
 * Contract rows: PUT /programs/{code}/years/{year}, POST …/allocations, GET /programs?year, POST /beneficiaries,
 * GET /beneficiaries/{cert}(/history), GET /beneficiaries?…, POST /enrollments, and our extra registry writes
 * (reassessment, bank account, township).
 */
const CATALOGUE = [
  'psychiatric-medication',
  'fuel-subsidy',
  'care-services',
  'student-aid-higher',
  'student-aid-vocational',
  'vocational-training',
  'child-rehabilitation',
  'assistive-devices',
  'accessibility-renovation',
];
const careYear = {
  quota: 89,
  rates: { residential: '12000.00', day: '4000.00', home: '2000.00' },
  fundingPlan: { upper: '133500.00', county: '74500.00' },
};
const medicationYear = {
  quota: 1203,
  rates: { standard: '1200.00' },
  fundingPlan: { upper: '600.00', county: '600.00' },
};

describe('programs, allocations, beneficiaries and enrollments', () => {
  let t: TestApp;
  const admin = (): { Authorization: string } => bearer(t.tokens.admin!);
  const clerk = (): { Authorization: string } => bearer(t.tokens.clerk!);
  const auditor = (): { Authorization: string } => bearer(t.tokens.auditor!);
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('PUT /programs/{code}/years/{year}', () => {
    it('opens with 201, answers 200 after, and a repeated identical PUT records nothing', async () => {
      const opened = await t.http
        .put('/api/v1/programs/care-services/years/2024')
        .set(admin())
        .send(careYear)
        .expect(201);
      expect(opened.body).toMatchObject({ programCode: 'care-services', year: 2024, ...careYear });
      const before = logSnapshot(t.dataDir);
      await t.http.put('/api/v1/programs/care-services/years/2024').set(admin()).send(careYear).expect(200);
      expect(logSnapshot(t.dataDir)).toEqual(before);
      const amended = await t.http
        .put('/api/v1/programs/care-services/years/2024')
        .set(admin())
        .send({ ...careYear, quota: 90 })
        .expect(200);
      expect(amended.body.quota).toBe(90);
      expect(logSnapshot(t.dataDir).count).toBe(before.count + 1);
      await t.http
        .put('/api/v1/programs/psychiatric-medication/years/2024')
        .set(admin())
        .send(medicationYear)
        .expect(201);
    });

    it('answers 400 for an unknown code, a bad year, a missing or unknown tier, money as a number', async () => {
      const before = logSnapshot(t.dataDir);
      const cases: Array<[string, object, string]> = [
        ['/api/v1/programs/cataract-surgery/years/2024', careYear, 'code'],
        ['/api/v1/programs/care-services/years/24', careYear, 'year'],
        [
          '/api/v1/programs/care-services/years/2025',
          { ...careYear, rates: { day: '4000.00', home: '2000.00' } },
          'rates.residential',
        ],
        [
          '/api/v1/programs/care-services/years/2025',
          { ...careYear, rates: { ...careYear.rates, respite: '1.00' } },
          'rates.respite',
        ],
        [
          '/api/v1/programs/care-services/years/2025',
          { ...careYear, fundingPlan: { upper: 133500, county: '74500.00' } },
          'fundingPlan.upper',
        ],
        ['/api/v1/programs/care-services/years/2025', { ...careYear, quota: -1 }, 'quota'],
      ];
      for (const [path, body, field] of cases) {
        const res = await t.http.put(path).set(admin()).send(body);
        expectProblem(res, 400);
        expect(fieldsOf(res)).toContain(field);
      }
      expect(logSnapshot(t.dataDir)).toEqual(before);
    });

    it('answers 401 without a token and 403 to every role but finance-admin', async () => {
      expectProblem(await t.http.put('/api/v1/programs/fuel-subsidy/years/2024').send(medicationYear), 401);
      for (const role of ['clerk', 'approver', 'auditor', 'makerChecker']) {
        const res = await t.http
          .put('/api/v1/programs/fuel-subsidy/years/2024')
          .set(bearer(t.tokens[role]!))
          .send({ ...medicationYear });
        expectProblem(res, 403);
      }
    });
  });

  describe('POST /programs/{code}/years/{year}/allocations', () => {
    it('records money received (201 {allocationId}) and the funding report counts it', async () => {
      const res = await t.http
        .post('/api/v1/programs/psychiatric-medication/years/2024/allocations')
        .set(admin())
        .send({
          source: 'upper',
          amount: '600.00',
          reference: '皖残联〔2024〕12号',
          receivedOn: '2024-03-15',
        })
        .expect(201);
      expect(res.body).toEqual({ allocationId: expect.any(String) });
      const funding = await t.http
        .get('/api/v1/reports/funding?year=2024&programCode=psychiatric-medication')
        .set(auditor())
        .expect(200);
      expect(funding.body[0].allocated).toEqual({ upper: '600.00', county: '0.00', total: '600.00' });
    });

    it('answers 400 for a bad source, amount or date, 404 for a year never opened, 403 to a clerk', async () => {
      const before = logSnapshot(t.dataDir);
      const ok = { source: 'county', amount: '600.00', reference: 'x', receivedOn: '2024-03-15' };
      for (const [body, field] of [
        [{ ...ok, source: 'province' }, 'source'],
        [{ ...ok, amount: '600' }, 'amount'],
        [{ ...ok, amount: '0.00' }, 'amount'],
        [{ ...ok, receivedOn: '2024-02-30' }, 'receivedOn'],
        [{ ...ok, reference: '' }, 'reference'],
      ] as const) {
        const res = await t.http
          .post('/api/v1/programs/psychiatric-medication/years/2024/allocations')
          .set(admin())
          .send(body);
        expectProblem(res, 400);
        expect(fieldsOf(res)).toContain(field);
      }
      expectProblem(
        await t.http.post('/api/v1/programs/fuel-subsidy/years/2024/allocations').set(admin()).send(ok),
        404,
      );
      expectProblem(
        await t.http
          .post('/api/v1/programs/psychiatric-medication/years/2024/allocations')
          .set(clerk())
          .send(ok),
        403,
      );
      expect(logSnapshot(t.dataDir)).toEqual(before);
    });
  });

  describe('GET /programs', () => {
    it('lists the whole catalogue; programs opened for ?year carry that year’s quota, rates and funding plan', async () => {
      const res = await t.http.get('/api/v1/programs?year=2024').set(clerk()).expect(200);
      expect(res.body.map((p: { programCode: string }) => p.programCode)).toEqual(CATALOGUE);
      const byCode = new Map<string, Record<string, unknown>>(
        res.body.map((p: Record<string, unknown>) => [p.programCode, p]),
      );
      expect(byCode.get('care-services')).toMatchObject({
        name: expect.any(String),
        tiers: ['residential', 'day', 'home'],
        year: 2024,
        quota: 90,
        rates: careYear.rates,
        fundingPlan: careYear.fundingPlan,
      });
      expect(byCode.get('psychiatric-medication')).toMatchObject({
        tiers: ['standard'],
        year: 2024,
        quota: 1203,
      });
      for (const code of CATALOGUE.filter((c) => c !== 'care-services' && c !== 'psychiatric-medication')) {
        const p = byCode.get(code)!;
        expect(p).toMatchObject({ programCode: code, name: expect.any(String), tiers: ['standard'] });
        for (const field of ['year', 'quota', 'rates', 'fundingPlan']) expect(p).not.toHaveProperty(field);
      }
      const other = await t.http.get('/api/v1/programs?year=2025').set(clerk()).expect(200);
      expect(other.body.filter((p: Record<string, unknown>) => 'year' in p)).toEqual([]);
      const plain = await t.http.get('/api/v1/programs').set(auditor()).expect(200);
      expect(plain.body.map((p: { programCode: string }) => p.programCode)).toEqual(CATALOGUE);
    });

    it('answers 400 for a year that is not one and 401 without a token', async () => {
      expectProblem(await t.http.get('/api/v1/programs?year=twenty').set(clerk()), 400);
      expectProblem(await t.http.get('/api/v1/programs?year=2024'), 401);
    });
  });

  describe('POST /beneficiaries and GET /beneficiaries/{cert}', () => {
    it('derives birth date, sex, category and grade from the certificate number (odd sequence male, even female)', async () => {
      for (const [seq, sex] of [
        [7, 'male'],
        [8, 'female'],
      ] as const) {
        const cert = certificateNumber('1987-11-23', seq, 'hearing', 3);
        const res = await t.http
          .post('/api/v1/beneficiaries')
          .set(clerk())
          .send({
            certificateNumber: cert,
            name: `听力${seq}`,
            township: '南溪镇',
            bankAccount: `6228480012345678${seq}`,
          })
          .expect(201);
        expect(res.body).toMatchObject({
          certificateNumber: cert,
          birthDate: '1987-11-23',
          sex,
          category: 'hearing',
          grade: 3,
        });
        const got = await t.http.get(`/api/v1/beneficiaries/${cert}`).set(clerk()).expect(200);
        expect(got.body).toMatchObject({
          certificateNumber: cert,
          name: `听力${seq}`,
          township: '南溪镇',
          birthDate: '1987-11-23',
          sex,
          category: 'hearing',
          grade: 3,
          entitlements: [],
        });
      }
    });

    it('answers 400 for a bad check character, 409 for an ID number already registered, 403 to other roles', async () => {
      const body = person({ category: 'speech', grade: 4 });
      await t.http.post('/api/v1/beneficiaries').set(clerk()).send(body).expect(201);
      const before = logSnapshot(t.dataDir);
      const check = body.certificateNumber[17] === '0' ? '1' : '0';
      const bad = await t.http
        .post('/api/v1/beneficiaries')
        .set(clerk())
        .send({
          ...person(),
          certificateNumber: body.certificateNumber.slice(0, 17) + check + body.certificateNumber.slice(18),
        });
      expectProblem(bad, 400);
      expect(fieldsOf(bad)).toEqual(['certificateNumber']);
      const again = await t.http
        .post('/api/v1/beneficiaries')
        .set(bearer(t.tokens.clerk2!))
        .send({ ...body, certificateNumber: `${body.certificateNumber.slice(0, 18)}31` });
      expectProblem(again, 409);
      for (const role of ['approver', 'admin', 'auditor']) {
        expectProblem(
          await t.http.post('/api/v1/beneficiaries').set(bearer(t.tokens[role]!)).send(person()),
          403,
        );
      }
      expectProblem(await t.http.post('/api/v1/beneficiaries').send(person()), 401);
      expect(logSnapshot(t.dataDir)).toEqual(before);
    });

    it('answers 404 for a number nobody holds and 400 for an asOf that is not a date', async () => {
      expectProblem(
        await t.http
          .get(`/api/v1/beneficiaries/${certificateNumber('1950-01-01', 501, 'visual', 1)}`)
          .set(auditor()),
        404,
      );
      const someone = person();
      await t.http.post('/api/v1/beneficiaries').set(clerk()).send(someone).expect(201);
      const res = await t.http
        .get(`/api/v1/beneficiaries/${someone.certificateNumber}?asOf=2024-13-01`)
        .set(clerk());
      expectProblem(res, 400);
      expect(fieldsOf(res)).toEqual(['asOf']);
    });
  });

  describe('POST /enrollments', () => {
    it('enrolls with the tier’s rate as entitlement: 201 {enrollmentId, entitled}; the person shows it', async () => {
      const body = person({ category: 'mental', birthDate: '1979-09-09' });
      await t.http.post('/api/v1/beneficiaries').set(clerk()).send(body).expect(201);
      const res = await t.http
        .post('/api/v1/enrollments')
        .set(clerk())
        .send({
          certificateNumber: body.certificateNumber,
          programCode: 'psychiatric-medication',
          year: 2024,
        })
        .expect(201);
      expect(res.body).toEqual({ enrollmentId: expect.any(String), entitled: medicationYear.rates.standard });
      const got = await t.http
        .get(`/api/v1/beneficiaries/${body.certificateNumber}`)
        .set(clerk())
        .expect(200);
      expect(got.body.entitlements).toEqual([
        {
          programCode: 'psychiatric-medication',
          year: 2024,
          tier: 'standard',
          entitled: '1200.00',
          paid: '0.00',
          outstanding: '1200.00',
          funding: { upper: '0.00', county: '0.00' },
        },
      ]);
    });

    it('answers 400 (tier), 404 (person, program-year), 409 (twice), 422 (ineligible, naming the rule), 403 (role)', async () => {
      const mental = person({ category: 'mental', birthDate: '1979-09-09' });
      await t.http.post('/api/v1/beneficiaries').set(clerk()).send(mental).expect(201);
      await t.http
        .post('/api/v1/enrollments')
        .set(clerk())
        .send({
          certificateNumber: mental.certificateNumber,
          ...{ programCode: 'care-services', year: 2024, tier: 'day' },
        })
        .expect(201);
      const before = logSnapshot(t.dataDir);
      const enroll = (body: object, token = t.tokens.clerk!) =>
        t.http.post('/api/v1/enrollments').set(bearer(token)).send(body);

      const twice = await enroll({
        certificateNumber: mental.certificateNumber,
        programCode: 'care-services',
        year: 2024,
        tier: 'home',
      });
      expectProblem(twice, 409); // once per person and program-year, whatever the tier
      const other = person({ category: 'intellectual', birthDate: '1990-01-01' });
      await t.http.post('/api/v1/beneficiaries').set(clerk()).send(other).expect(201);
      const before2 = logSnapshot(t.dataDir);
      for (const tier of [undefined, 'standard', 'luxury']) {
        const res = await enroll({
          certificateNumber: other.certificateNumber,
          programCode: 'care-services',
          year: 2024,
          ...(tier ? { tier } : {}),
        });
        expectProblem(res, 400);
        expect(fieldsOf(res)).toEqual(['tier']);
      }
      expectProblem(
        await enroll({
          certificateNumber: certificateNumber('1970-07-07', 707, 'mental', 1),
          programCode: 'psychiatric-medication',
          year: 2024,
        }),
        404,
      );
      expectProblem(
        await enroll({ certificateNumber: other.certificateNumber, programCode: 'fuel-subsidy', year: 2024 }),
        404,
      );
      await openProgramYear(t, {
        programCode: 'fuel-subsidy',
        year: 2024,
        rates: { standard: '300.00' },
        plan: { upper: '300.00', county: '0.00' },
      });
      const before3 = logSnapshot(t.dataDir);
      const ineligible = await enroll({
        certificateNumber: other.certificateNumber,
        programCode: 'fuel-subsidy',
        year: 2024,
      });
      expectProblem(ineligible, 422);
      expect(ineligible.body.detail).toMatch(/physical/);
      expect(ineligible.body.detail).toMatch(/intellectual/);
      for (const role of ['approver', 'admin', 'auditor']) {
        expectProblem(
          await enroll(
            {
              certificateNumber: other.certificateNumber,
              programCode: 'care-services',
              year: 2024,
              tier: 'home',
            },
            t.tokens[role]!,
          ),
          403,
        );
      }
      expect(logSnapshot(t.dataDir)).toEqual(before3);
      expect(before2.count).toBe(before.count + 1); // only the registration of `other`
    });
  });

  describe('GET /beneficiaries/{cert}/history', () => {
    it('lists every event about the person oldest first, with position, type, recordedAt, actor and data', async () => {
      await openProgramYear(t, {
        programCode: 'student-aid-higher',
        year: 2024,
        rates: { standard: '5000.00' },
        plan: { upper: '5000.00', county: '0.00' },
        allocate: { upper: '5000.00' },
      });
      const student = person({ category: 'visual', birthDate: '2005-09-01' });
      await t.http.post('/api/v1/beneficiaries').set(clerk()).send(student).expect(201);
      await t.http
        .post(`/api/v1/beneficiaries/${student.certificateNumber}/township`)
        .set(clerk())
        .send({ township: '青山镇', reason: 'moved to her school town' })
        .expect(201);
      await t.http
        .post('/api/v1/enrollments')
        .set(clerk())
        .send({ certificateNumber: student.certificateNumber, programCode: 'student-aid-higher', year: 2024 })
        .expect(201);
      const batch = await draft(t, { programCode: 'student-aid-higher', year: 2024, payOutstanding: true });
      await t.http
        .post(`/api/v1/payment-batches/${batch.batchId}/approval`)
        .set(bearer(t.tokens.approver!))
        .expect(200);

      const res = await t.http
        .get(`/api/v1/beneficiaries/${student.certificateNumber}/history`)
        .set(clerk())
        .expect(200);
      const history = res.body as Array<Record<string, unknown>>;
      expect(history.map((e) => e.type)).toEqual([
        'BeneficiaryRegistered',
        'BeneficiaryTownshipChanged',
        'BeneficiaryEnrolled',
        'PaymentBatchLinesDrafted',
        'PaymentBatchApproved',
      ]);
      for (const e of history) {
        expect(e).toEqual(
          expect.objectContaining({
            position: expect.any(Number),
            type: expect.any(String),
            recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
            actor: expect.any(String),
            data: expect.anything(),
          }),
        );
      }
      const positions = history.map((e) => e.position as number);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(new Set(positions).size).toBe(positions.length);
      expect(history[1]).toMatchObject({ actor: 'clerk-li', reason: 'moved to her school town' });
      expect(history[4]).toMatchObject({ actor: 'approver-zhao' });
      expect(BigInt(res.headers['ledger-position'] as string)).toBeGreaterThanOrEqual(
        BigInt(positions.at(-1)!),
      );

      expectProblem(
        await t.http
          .get(`/api/v1/beneficiaries/${certificateNumber('1950-01-01', 502, 'visual', 1)}/history`)
          .set(clerk()),
        404,
      );
    });
  });

  describe('GET /beneficiaries (search)', () => {
    const made: Array<{ certificateNumber: string; name: string; township: string; program?: string }> = [];
    beforeAll(async () => {
      await openProgramYear(t, {
        programCode: 'psychiatric-medication',
        year: 2025,
        rates: { standard: '1300.00' },
        plan: { upper: '1300.00', county: '0.00' },
      });
      const plan: Array<[string, string, string | undefined]> = [
        ['沙河乡', '沙河甲', 'psychiatric-medication:2024'],
        ['沙河乡', '沙河乙', 'psychiatric-medication:2025'],
        ['沙河乡', '沙河丙', undefined],
        ['油坊店乡', '油坊店甲', 'psychiatric-medication:2024'],
        ['油坊店乡', '油坊店乙', undefined],
      ];
      for (const [township, name, program] of plan) {
        const body = person({ township, name, category: 'mental', birthDate: '1975-03-03' });
        await t.http.post('/api/v1/beneficiaries').set(clerk()).send(body).expect(201);
        if (program) {
          const [programCode, year] = program.split(':');
          await t.http
            .post('/api/v1/enrollments')
            .set(clerk())
            .send({ certificateNumber: body.certificateNumber, programCode, year: Number(year) })
            .expect(201);
        }
        made.push({ certificateNumber: body.certificateNumber, name, township, program });
      }
    });
    const names = (res: { body: { items: Array<{ name: string }> } }): string[] =>
      res.body.items.map((i) => i.name);

    it('filters by township, program and year (combined), and answers items with the summary fields', async () => {
      const shahe = await t.http
        .get(`/api/v1/beneficiaries?township=${encodeURIComponent('沙河乡')}`)
        .set(clerk())
        .expect(200);
      expect(names(shahe)).toEqual(['沙河甲', '沙河乙', '沙河丙']);
      expect(shahe.body.nextCursor).toBeNull();
      expect(shahe.body.items[0]).toEqual({
        certificateNumber: made[0]!.certificateNumber,
        name: '沙河甲',
        township: '沙河乡',
        category: 'mental',
        grade: 2,
      });
      const med2024 = await t.http
        .get(
          `/api/v1/beneficiaries?programCode=psychiatric-medication&year=2024&township=${encodeURIComponent('沙河乡')}`,
        )
        .set(clerk())
        .expect(200);
      expect(names(med2024)).toEqual(['沙河甲']);
      const med = await t.http
        .get('/api/v1/beneficiaries?programCode=psychiatric-medication&limit=1000')
        .set(clerk());
      expect(names(med)).toEqual(expect.arrayContaining(['沙河甲', '沙河乙', '油坊店甲']));
      expect(names(med)).not.toContain('沙河丙');
      const y2025 = await t.http.get('/api/v1/beneficiaries?year=2025').set(clerk()).expect(200);
      expect(names(y2025)).toEqual(['沙河乙']);
    });

    it('matches q against the name or the certificate number', async () => {
      const byName = await t.http
        .get(`/api/v1/beneficiaries?q=${encodeURIComponent('油坊店')}`)
        .set(clerk())
        .expect(200);
      expect(names(byName)).toEqual(['油坊店甲', '油坊店乙']);
      const cert = made[3]!.certificateNumber;
      const byNumber = await t.http.get(`/api/v1/beneficiaries?q=${cert}`).set(clerk()).expect(200);
      expect(names(byNumber)).toEqual(['油坊店甲']);
      const byPrefix = await t.http
        .get(`/api/v1/beneficiaries?q=${cert.slice(0, 17)}`)
        .set(clerk())
        .expect(200);
      expect(names(byPrefix)).toContain('油坊店甲');
    });

    it('pages with limit and cursor: every person once, in the same order', async () => {
      const all = await t.http.get('/api/v1/beneficiaries?limit=1000').set(clerk()).expect(200);
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Array<{ certificateNumber: string }>; nextCursor: string | null } } =
          await t.http
            .get(`/api/v1/beneficiaries?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
            .set(clerk())
            .expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        walked.push(...page.body.items.map((i) => i.certificateNumber));
        cursor = page.body.nextCursor;
      } while (cursor !== null);
      expect(walked).toEqual(all.body.items.map((i: { certificateNumber: string }) => i.certificateNumber));
      expect(walked.length).toBeGreaterThanOrEqual(made.length);
    });

    it('masks certificate numbers for roles that do not register people', async () => {
      const res = await t.http
        .get(`/api/v1/beneficiaries?township=${encodeURIComponent('沙河乡')}`)
        .set(auditor())
        .expect(200);
      const cert = made[0]!.certificateNumber;
      expect(res.body.items[0].certificateNumber).toBe(`${cert.slice(0, 6)}********${cert.slice(14)}`);
    });

    it('answers 400 for a bad limit, year, program code or cursor', async () => {
      for (const query of [
        'limit=0',
        'limit=1001',
        'limit=ten',
        'year=2O24',
        'programCode=cataract',
        'cursor=!!',
      ]) {
        expectProblem(await t.http.get(`/api/v1/beneficiaries?${query}`).set(clerk()), 400);
      }
      expectProblem(await t.http.get('/api/v1/beneficiaries'), 401);
    });
  });

  describe('our extra registry writes', () => {
    it('records a re-assessment (201), refuses one that changes nothing (422) and an unknown person (404)', async () => {
      const body = person({ category: 'physical', grade: 3 });
      await t.http.post('/api/v1/beneficiaries').set(clerk()).send(body).expect(201);
      const path = `/api/v1/beneficiaries/${body.certificateNumber}/reassessment`;
      await t.http
        .post(path)
        .set(clerk())
        .send({ category: 'physical', grade: 1, reason: 're-assessed' })
        .expect(201);
      const before = logSnapshot(t.dataDir);
      expectProblem(
        await t.http.post(path).set(clerk()).send({ category: 'physical', grade: 1, reason: 'again' }),
        422,
      );
      const badGrade = await t.http
        .post(path)
        .set(clerk())
        .send({ category: 'physical', grade: 5, reason: 'x' });
      expectProblem(badGrade, 400);
      expect(fieldsOf(badGrade)).toEqual(['grade']);
      expectProblem(
        await t.http
          .post(`/api/v1/beneficiaries/${certificateNumber('1950-01-01', 503, 'visual', 1)}/reassessment`)
          .set(clerk())
          .send({ category: 'visual', grade: 2, reason: 'x' }),
        404,
      );
      expect(logSnapshot(t.dataDir)).toEqual(before);
    });

    it('changes the bank account and the township (201); the person shows the new ones', async () => {
      const body = person({ category: 'mental' });
      await t.http.post('/api/v1/beneficiaries').set(clerk()).send(body).expect(201);
      await t.http
        .post(`/api/v1/beneficiaries/${body.certificateNumber}/bank-account`)
        .set(clerk())
        .send({ bankAccount: '6228480099887766554', reason: 'card lost; new card issued' })
        .expect(201);
      await t.http
        .post(`/api/v1/beneficiaries/${body.certificateNumber}/township`)
        .set(clerk())
        .send({ township: '南溪镇', reason: 'moved house' })
        .expect(201);
      const got = await t.http
        .get(`/api/v1/beneficiaries/${body.certificateNumber}`)
        .set(clerk())
        .expect(200);
      expect(got.body).toMatchObject({ bankAccount: '6228480099887766554', township: '南溪镇' });
      const bad = await t.http
        .post(`/api/v1/beneficiaries/${body.certificateNumber}/bank-account`)
        .set(clerk())
        .send({ bankAccount: '6228-4800', reason: 'x' });
      expectProblem(bad, 400);
      expect(fieldsOf(bad)).toEqual(['bankAccount']);
    });
  });

  describe('amending a program-year that money depends on', () => {
    it('refuses (409) to change the rate of a tier people are enrolled in, or the plan once money is paid', async () => {
      // care-services 2024 has a day-care enrollee from the enrollment tests above.
      const before = logSnapshot(t.dataDir);
      const rate = await t.http
        .put('/api/v1/programs/care-services/years/2024')
        .set(admin())
        .send({ ...careYear, rates: { ...careYear.rates, day: '4500.00' } });
      expectProblem(rate, 409);
      expect(fieldsOf(rate)).toEqual(['rates.day']);
      // student-aid-higher 2024 has paid its student (history test above).
      const plan = await t.http
        .put('/api/v1/programs/student-aid-higher/years/2024')
        .set(admin())
        .send({
          quota: 18,
          rates: { standard: '5000.00' },
          fundingPlan: { upper: '2500.00', county: '2500.00' },
        });
      expectProblem(plan, 409);
      expect(fieldsOf(plan)).toEqual(['fundingPlan']);
      expect(logSnapshot(t.dataDir)).toEqual(before);
    });
  });
});
