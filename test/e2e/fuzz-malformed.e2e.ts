import fc from 'fast-check';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { certificateNumber, person, type TestCategory } from './support/people';
import { draft, openProgramYear, registerAndEnroll } from './support/scenario';
import { eventsAfter, logSnapshot, type LogSnapshot } from './support/event-log';
import { expectProblem } from './support/problem';

/**
 * Issue: "1,000 randomly generated malformed bodies (wrong types, missing fields, bad checksums, numbers for
 * money, huge strings, unknown codes) each get a 4xx problem+json and leave the log byte-for-byte unchanged".
 *
 * Every generated request starts from a body the route would accept against real records (a registered person,
 * an opened program-year, an approved batch with an unsettled line) and breaks it in at least one way, so the
 * refusal is the mutation's doing. Seeded: a failure names the seed and the shrunk request to replay.
 */
const SEED = 20240301;
const NUM_RUNS = 1000;

type Body = { json: unknown } | { raw: string; contentType: string };
interface Case {
  route: string;
  method: 'post' | 'put';
  path: string;
  role: 'clerk' | 'admin' | 'approver';
  body: Body;
  idempotencyKey?: string;
}

// ---- bad values ------------------------------------------------------------------------------------------

/** Arrays inside arrays, deeper than any body of the API nests. */
const nested = (depth: number): unknown =>
  Array.from({ length: depth }).reduce<unknown>((inner) => [inner], []);
const wrongType = fc.oneof(
  fc.integer(),
  fc.integer({ min: 9, max: 60 }).map(nested),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const notANumber = fc.oneof(
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 6 }),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);
/** Longer than `max` characters however they are counted (ASCII, CJK, astral). */
const huge = (max: number, upTo = 100_000): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min: max + 1, max: upTo }), fc.constantFrom('x', '名', '🀄', '9'))
    .map(([n, c]) => c.repeat(n));

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Never a two-decimal amount in yuan (and never "0.00" where a payment is meant). */
const badMoney = (positive: boolean): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.integer({ min: -1_000_000, max: 1_000_000_000 }), // a JSON number, the "numbers for money"
    fc.double({ min: -1e9, max: 1e9, noNaN: true }),
    fc.tuple(fc.nat(999_999), fc.nat(999)).map(([y, f]) => `${y}.${pad(f, 3)}`), // a third decimal
    fc.tuple(fc.integer({ min: 0, max: 999_999 }), fc.nat(99)).map(([y, f]) => `-${y}.${pad(f, 2)}`),
    fc.nat(999_999).map(String),
    fc.tuple(fc.nat(999_999), fc.nat(9)).map(([y, d]) => `${y}.${d}`),
    fc.integer({ min: 16, max: 40 }).map((n) => `${'9'.repeat(n)}.00`),
    fc.constantFrom(
      '12,000.00',
      '¥100.00',
      ' 100.00',
      '100.00 ',
      '1e3',
      '0x10',
      'Infinity',
      'NaN',
      '',
      '.50',
      '01.00',
    ),
    fc.constantFrom('１００.００', '100.00元', '+100.00', '100．00', '100.0O', '100,00'),
    wrongType,
    positive ? fc.constant('0.00') : fc.constant('-0.00'),
  );

/** Text a field refuses: wrong type, empty or blank, too long; with `controls`, hidden characters too. */
const badText = (max: number, controls: boolean): fc.Arbitrary<unknown> =>
  fc.oneof(
    wrongType,
    fc.constantFrom('', ' ', '   ', '\t', '\n \n', '\u3000'),
    huge(max),
    ...(controls
      ? [
          fc
            .tuple(
              fc.string({ maxLength: 5 }),
              fc.constantFrom('\u0000', '\u0007', '\u001b', '\u200b', '\u202e', '\ufeff'),
            )
            .map(([s, c]) => `张${s}${c}三`),
        ]
      : []),
  );

/** Anything but one of `valid`: other codes, near misses (case, spaces, plurals), wrong types. */
const badCode = (valid: readonly string[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    wrongType,
    fc.string({ maxLength: 30 }).filter((s) => !valid.includes(s)),
    fc
      .constantFrom(...valid.flatMap((v) => [v.toUpperCase(), ` ${v}`, `${v}s`, v.replace(/-/g, '_')]))
      .filter((s) => !valid.includes(s)),
  );

/** Outside [min, max], not a whole number, or not a number at all. */
const badInt = (min: number, max: number): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.integer({ min: max + 1 }),
    fc.integer({ max: min - 1 }),
    fc.double({ min, max, noNaN: true }).filter((x) => !Number.isInteger(x)),
    fc.integer({ min, max }).map(String),
    notANumber,
  );

const CATEGORIES: TestCategory[] = [
  'visual',
  'hearing',
  'speech',
  'physical',
  'intellectual',
  'mental',
  'multiple',
];
const validCert = fc
  .record({
    year: fc.integer({ min: 1930, max: 2015 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    seq: fc.integer({ min: 1, max: 999 }),
    category: fc.constantFrom(...CATEGORIES),
    grade: fc.integer({ min: 1, max: 4 }),
  })
  .map((p) => certificateNumber(`${p.year}-${pad(p.month, 2)}-${pad(p.day, 2)}`, p.seq, p.category, p.grade));

/** A certificate number breaking a GB 11643 / certificate rule: check character, digits, length, date. */
const badCert: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(validCert, fc.constantFrom(...'0123456789X'))
    .filter(([c, x]) => c[17] !== x)
    .map(([c, x]) => c.slice(0, 17) + x + c.slice(18)),
  fc.tuple(validCert, fc.constantFrom('0', '8', '9', 'A')).map(([c, d]) => c.slice(0, 18) + d + c.slice(19)),
  fc.tuple(validCert, fc.constantFrom('0', '5', '6', '9', 'B')).map(([c, d]) => c.slice(0, 19) + d),
  fc.tuple(validCert, fc.integer({ min: 0, max: 19 })).map(([c, n]) => c.slice(0, n)),
  fc.tuple(validCert, fc.string({ minLength: 1, maxLength: 5 })).map(([c, s]) => c + s),
  validCert.map((c) => `${c.slice(0, 10)}13${c.slice(12)}`), // month 13 (and a check character that no longer fits)
  validCert.map((c) => ` ${c.slice(1)}`),
  validCert.map((c) => Number(c.slice(0, 15))),
  huge(20),
  wrongType,
);

const badAccount: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 0, max: 11 }).map((n) => '6'.repeat(n)),
  fc.integer({ min: 31, max: 2000 }).map((n) => '6'.repeat(n)),
  fc.constantFrom(
    '6217 0012 3456 7890',
    '6217-0012-3456-7890',
    '621700123456789O',
    '６２１７００１２３４５６',
  ),
  fc.integer({ min: 100_000_000_000, max: Number.MAX_SAFE_INTEGER }),
  wrongType,
);

const badDate: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '24-03-01',
    '2024/03/01',
    '2024-3-1',
    '',
    '2024-03-01T00:00:00Z',
  ),
  fc.date().map((d) => d.getTime()),
  wrongType,
);

// ---- mutating an accepted body -----------------------------------------------------------------------------

type Obj = Record<string, unknown>;
type Mutation = (body: Obj) => Obj;

/**
 * One way to break an object: a field replaced with a value it refuses, a required field dropped, or an
 * unknown field added. Every mutation alone makes the body invalid; several only make it more so.
 */
function mutation(
  bad: Record<string, fc.Arbitrary<unknown>>,
  required: readonly string[],
): fc.Arbitrary<Mutation> {
  const replace = fc
    .oneof(...Object.entries(bad).map(([field, arb]) => arb.map((value) => [field, value] as const)))
    .map(([field, value]): Mutation => (b) => ({ ...b, [field]: value }));
  const drop = fc.constantFrom(...required).map((field): Mutation => (b) => {
    const copy = { ...b };
    delete copy[field];
    return copy;
  });
  const known = new Set(Object.keys(bad));
  const extra = fc
    .tuple(
      fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'id', 'status')),
      fc.jsonValue({ maxDepth: 2 }),
    )
    .filter(([k]) => !known.has(k))
    .map(([k, v]): Mutation => (b) => {
      const copy = { ...b };
      Object.defineProperty(copy, k, { value: v, enumerable: true, writable: true, configurable: true });
      return copy;
    });
  return fc.oneof(
    { weight: 4, arbitrary: replace },
    { weight: 1, arbitrary: drop },
    { weight: 1, arbitrary: extra },
  );
}

function broken(base: Obj, mutations: fc.Arbitrary<Mutation>): fc.Arbitrary<Obj> {
  return fc.array(mutations, { minLength: 1, maxLength: 3 }).map((ms) => ms.reduce((b, m) => m(b), base));
}

/** Not a JSON object at all: other JSON values, text that is not JSON, JSON sent as another media type. */
const notAnObject = (valid: Obj): fc.Arbitrary<Body> =>
  fc.oneof(
    fc
      .oneof(fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }), fc.constant([valid]))
      .map((json): Body => ({ json })),
    fc
      .oneof(
        fc.constantFrom(
          '{',
          '{"a":',
          '[1,2',
          'nul',
          "{'a':1}",
          '{"a":1,}',
          '\u0000',
          '{"amount": 01}',
          'true',
          '"text"',
          '12',
        ),
        fc.string({ maxLength: 40 }).filter((s) => !parses(s)),
      )
      .map((raw): Body => ({ raw, contentType: 'application/json' })),
    fc
      .constantFrom('text/plain', 'application/x-www-form-urlencoded')
      .map((contentType): Body => ({ raw: JSON.stringify(valid), contentType })),
    fc.integer({ min: 9, max: 100_000 }).map((depth): Body => ({
      raw: `${JSON.stringify(valid).slice(0, -1)},"note":${'['.repeat(depth)}${']'.repeat(depth)}}`, // nested without bound
      contentType: 'application/json',
    })),
  );

function parses(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}

const asBody = (arb: fc.Arbitrary<Obj>, valid: Obj): fc.Arbitrary<Body> =>
  fc.oneof(
    { weight: 9, arbitrary: arb.map((json): Body => ({ json })) },
    { weight: 1, arbitrary: notAnObject(valid) },
  );

// ---- the app and its records -----------------------------------------------------------------------------

describe('fuzz: malformed bodies on every write route', () => {
  let t: TestApp;
  const fixture = {
    registered: '', // registered, enrolled in care-services 2024 (home), paid in an approved batch
    unenrolled: '', // registered, enrolled nowhere: a valid enrollment body would succeed
    approvedBatch: '',
    unsettledLine: '', // approved, no bank return yet: a valid return or reversal would succeed
    draftBatch: '',
  };

  beforeAll(async () => {
    t = await startTestApp();
    await openProgramYear(t, {
      programCode: 'care-services',
      year: 2024,
      rates: { residential: '12000.00', day: '4000.00', home: '2000.00' },
      plan: { upper: '133500.00', county: '74500.00' },
      allocate: { upper: '133500.00', county: '74500.00' },
    });
    fixture.registered = await registerAndEnroll(t, {
      programCode: 'care-services',
      year: 2024,
      tier: 'home',
      category: 'intellectual',
    });
    const other = await registerAndEnroll(t, {
      programCode: 'care-services',
      year: 2024,
      tier: 'day',
      category: 'mental',
    });
    const unenrolled = person({ category: 'mental', birthDate: '1982-02-02' });
    await t.http.post('/api/v1/beneficiaries').set(bearer(t.tokens.clerk!)).send(unenrolled).expect(201);
    fixture.unenrolled = unenrolled.certificateNumber;
    const approved = await draft(t, {
      programCode: 'care-services',
      year: 2024,
      lines: [
        { certificateNumber: fixture.registered, amount: '1000.00' },
        { certificateNumber: other, amount: '1000.00' },
      ],
    });
    await t.http
      .post(`/api/v1/payment-batches/${approved.batchId}/approval`)
      .set(bearer(t.tokens.approver!))
      .expect(200);
    fixture.approvedBatch = approved.batchId;
    fixture.unsettledLine = approved.lines[0]!.lineId;
    fixture.draftBatch = (
      await draft(t, {
        programCode: 'care-services',
        year: 2024,
        lines: [{ certificateNumber: other, amount: '500.00' }],
      })
    ).batchId;
  });
  afterAll(() => t.close());

  function routes(): fc.Arbitrary<Case> {
    const registration = person({ category: 'physical', grade: 1, birthDate: '1977-07-07' }); // never registered: every mutation is refused
    const beneficiaries = asBody(
      broken(
        registration,
        mutation(
          {
            certificateNumber: badCert,
            name: badText(50, true),
            township: badText(50, true),
            bankAccount: badAccount,
          },
          ['certificateNumber', 'name', 'township', 'bankAccount'],
        ),
      ),
      registration,
    ).map((body): Case => ({
      route: 'POST /beneficiaries',
      method: 'post',
      path: '/api/v1/beneficiaries',
      role: 'clerk',
      body,
    }));

    const reassessment = {
      category: 'physical',
      grade: 1,
      reason: '2024 re-assessment by the county hospital',
    };
    const reassess = fc
      .tuple(
        fc.oneof(
          { weight: 5, arbitrary: fc.constant(fixture.registered) },
          { weight: 1, arbitrary: badCert.map(String).filter((c) => c.length > 0 && c.length < 200) },
        ),
        asBody(
          broken(
            reassessment,
            mutation({ category: badCode(CATEGORIES), grade: badInt(1, 4), reason: badText(500, false) }, [
              'category',
              'grade',
              'reason',
            ]),
          ),
          reassessment,
        ),
      )
      .map(([cert, body]): Case => ({
        route: 'POST /beneficiaries/{cert}/reassessment',
        method: 'post',
        path: `/api/v1/beneficiaries/${encodeURIComponent(cert)}/reassessment`,
        role: 'clerk',
        body,
      }));

    const CARE_TIERS = ['residential', 'day', 'home'];
    const programYear = {
      quota: 89,
      rates: { residential: '12000.00', day: '4000.00', home: '1800.00' }, // a valid amendment of an unpaid tier
      fundingPlan: { upper: '133500.00', county: '74500.00' },
    };
    const badRates = fc.oneof(
      wrongType,
      fc.constant({}),
      fc.constantFrom(...CARE_TIERS).map((tier) => {
        const rates: Obj = { ...programYear.rates };
        delete rates[tier];
        return rates;
      }),
      fc
        .tuple(fc.constantFrom(...CARE_TIERS), badMoney(true))
        .map(([tier, value]) => ({ ...programYear.rates, [tier]: value })),
      fc
        .constantFrom('standard', 'Home', 'home care', '', 'respite')
        .map((tier) => ({ ...programYear.rates, [tier]: '100.00' })),
    );
    const badPlan = fc.oneof(
      wrongType,
      fc.constantFrom('upper', 'county').map((s) => ({ [s]: '100.00' })),
      fc
        .tuple(fc.constantFrom('upper', 'county'), badMoney(false))
        .map(([s, value]) => ({ ...programYear.fundingPlan, [s]: value })),
      fc.constant({ ...programYear.fundingPlan, state: '10.00' }),
    );
    const programPath = fc.oneof(
      { weight: 4, arbitrary: fc.constant(['care-services', '2024']) },
      {
        weight: 1,
        arbitrary: fc.tuple(
          badCode(['care-services', 'fuel-subsidy'])
            .map(String)
            .filter((s) => s.length > 0),
          fc.constant('2024'),
        ),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(
          fc.constant('care-services'),
          fc.constantFrom('24', '1999', '2101', 'abcd', '2024.5', '02024', '-2024'),
        ),
      },
    );
    const programs = fc
      .tuple(
        programPath,
        asBody(
          broken(
            programYear,
            mutation(
              {
                quota: badInt(0, 100_000_000),
                rates: badRates,
                fundingPlan: badPlan,
                fundingPolicy: badCode(['proportional', 'upper-first', 'county-first']),
              },
              ['quota', 'rates', 'fundingPlan'],
            ),
          ),
          programYear,
        ),
      )
      .map(([[code, year], body]): Case => ({
        route: 'PUT /programs/{code}/years/{year}',
        method: 'put',
        path: `/api/v1/programs/${encodeURIComponent(code)}/years/${year}`,
        role: 'admin',
        body,
      }));

    const allocation = {
      source: 'county',
      amount: '5000.00',
      reference: '金财〔2024〕3号',
      receivedOn: '2024-04-01',
    };
    const allocations = fc
      .tuple(
        programPath,
        asBody(
          broken(
            allocation,
            mutation(
              {
                source: badCode(['upper', 'county']),
                amount: badMoney(true),
                reference: badText(200, false),
                receivedOn: badDate,
              },
              ['source', 'amount', 'reference', 'receivedOn'],
            ),
          ),
          allocation,
        ),
      )
      .map(([[code, year], body]): Case => ({
        route: 'POST /programs/{code}/years/{year}/allocations',
        method: 'post',
        path: `/api/v1/programs/${encodeURIComponent(code)}/years/${year}/allocations`,
        role: 'admin',
        body,
      }));

    const enrollment = {
      certificateNumber: fixture.unenrolled,
      programCode: 'care-services',
      year: 2024,
      tier: 'home',
    };
    const enrollments = asBody(
      broken(
        enrollment,
        mutation(
          {
            certificateNumber: badCert,
            programCode: badCode(['care-services', 'psychiatric-medication']),
            year: badInt(2000, 2100),
            tier: fc.oneof(badCode(CARE_TIERS), fc.constantFrom('standard', 'luxury')),
          },
          ['certificateNumber', 'programCode', 'year'],
        ),
      ),
      enrollment,
    ).map((body): Case => ({
      route: 'POST /enrollments',
      method: 'post',
      path: '/api/v1/enrollments',
      role: 'clerk',
      body,
    }));

    const line = { certificateNumber: fixture.registered, amount: '100.00' };
    const badLine = broken(
      line,
      mutation({ certificateNumber: badCert, amount: badMoney(true) }, ['certificateNumber', 'amount']),
    );
    const badLines = fc.oneof(
      wrongType,
      fc.constant([]),
      fc
        .array(fc.oneof(badLine, wrongType), { minLength: 1, maxLength: 4 })
        .chain((bad) => fc.nat(bad.length).map((at) => [...bad.slice(0, at), line, ...bad.slice(at)])),
      fc.constantFrom('1000000.00', '2000.01', '999999999999999.99').map((amount) => [{ ...line, amount }]), // more than owed: 422
    );
    const batch = { programCode: 'care-services', year: 2024, lines: [line] };
    const outstanding = { programCode: 'care-services', year: 2024, payOutstanding: true };
    const batches = fc
      .oneof(
        asBody(
          broken(
            batch,
            mutation({ programCode: badCode(['care-services']), year: badInt(2000, 2100), lines: badLines }, [
              'programCode',
              'year',
              'lines',
            ]),
          ),
          batch,
        ),
        fc.constantFrom(true, false).map((payOutstanding): Body => ({ json: { ...batch, payOutstanding } })), // lines and payOutstanding both
        asBody(
          broken(
            outstanding,
            mutation(
              {
                programCode: badCode(['care-services']),
                year: badInt(2000, 2100),
                payOutstanding: fc.oneof(
                  fc.constantFrom(false, 'true', 1, null, 'yes'),
                  wrongType.filter((v) => v !== true),
                ),
              },
              ['programCode', 'year', 'payOutstanding'],
            ),
          ),
          outstanding,
        ),
      )
      .map((body): Case => ({
        route: 'POST /payment-batches',
        method: 'post',
        path: '/api/v1/payment-batches',
        role: 'clerk',
        body,
      }));

    const ret = { lineId: fixture.unsettledLine, result: 'failed', reason: '账户已冻结 account frozen' };
    const unknownLine = fc.oneof(
      fc.integer({ min: 3, max: 1_000_000 }).map((n) => `${fixture.approvedBatch}-${n}`),
      fc.constantFrom(
        `${fixture.approvedBatch}-0`,
        `${fixture.approvedBatch}-01`,
        `${fixture.draftBatch}-1`,
        fixture.approvedBatch,
        '-1',
        'x-1',
      ),
      fc.string({ minLength: 1, maxLength: 40 }),
    );
    const badReturnLine = broken(
      ret,
      mutation(
        {
          lineId: fc.oneof(unknownLine, badText(100, false)),
          result: badCode(['paid', 'failed']),
          reason: badText(500, false),
        },
        ['lineId', 'result', 'reason'],
      ),
    );
    const returns = fc
      .tuple(
        fc.oneof(
          { weight: 6, arbitrary: fc.constant(fixture.approvedBatch) },
          { weight: 1, arbitrary: fc.constant(fixture.draftBatch) },
        ),
        asBody(
          fc.oneof(
            fc.array(badReturnLine, { minLength: 1, maxLength: 4 }).map((lines) => ({ lines })),
            fc.constant({ lines: [ret, { ...ret, result: 'paid', reason: undefined }] }), // the same line twice
            fc.oneof(wrongType, fc.constant([])).map((lines) => ({ lines })),
            fc.constant({}),
            fc.constant({ lines: [ret], batchId: fixture.approvedBatch }),
          ),
          { lines: [ret] },
        ),
      )
      .map(([batchId, body]): Case => ({
        route: 'POST /payment-batches/{id}/bank-returns',
        method: 'post',
        path: `/api/v1/payment-batches/${batchId}/bank-returns`,
        role: 'clerk',
        body,
      }));

    const reversal = { reason: 'paid to the wrong person: duplicate registration' };
    const reversals = fc
      .oneof(
        asBody(broken(reversal, mutation({ reason: badText(500, false) }, ['reason'])), reversal).map(
          (body) => [fixture.unsettledLine, body] as const,
        ),
        fc.tuple(unknownLine, asBody(fc.constant(reversal), reversal)),
      )
      .map(([lineId, body]): Case => ({
        route: 'POST /payments/{lineId}/reversal',
        method: 'post',
        path: `/api/v1/payments/${encodeURIComponent(lineId)}/reversal`,
        role: 'approver',
        body,
      }));

    const approvals = fc
      .tuple(
        fc.oneof(
          fc.uuid(),
          fc.string({ minLength: 1, maxLength: 60 }),
          huge(200, 600),
          fc.constant(`${fixture.draftBatch}x`),
        ),
        fc.oneof(
          fc.jsonValue({ maxDepth: 2 }).map((json): Body => ({ json })),
          notAnObject({}),
        ),
      )
      .map(([id, body]): Case => ({
        route: 'POST /payment-batches/{unknown}/approval',
        method: 'post',
        path: `/api/v1/payment-batches/${encodeURIComponent(id)}/approval`,
        role: 'approver',
        body,
      }));

    // A refused request keeps no Idempotency-Key answer either; a key that is not 1–255 visible ASCII is refused.
    const key = fc.option(fc.oneof(fc.stringMatching(/^[\x21-\x7e]{1,40}$/), fc.constant('k'.repeat(300))), {
      freq: 4,
    });
    return fc
      .tuple(
        fc.oneof(
          beneficiaries,
          reassess,
          programs,
          allocations,
          enrollments,
          batches,
          returns,
          reversals,
          approvals,
        ),
        key,
      )
      .map(([c, idempotencyKey]) => (idempotencyKey === null ? c : { ...c, idempotencyKey }));
  }

  function send(c: Case) {
    const req = t.http[c.method](c.path).set(bearer(t.tokens[c.role]!));
    if (c.idempotencyKey !== undefined) req.set('Idempotency-Key', c.idempotencyKey);
    if ('json' in c.body)
      return req.set('Content-Type', 'application/json').send(JSON.stringify(c.body.json) ?? 'null');
    return req.set('Content-Type', c.body.contentType).send(c.body.raw);
  }

  it(`answers ${NUM_RUNS} malformed requests with 4xx problem+json and records nothing`, async () => {
    const before: LogSnapshot = logSnapshot(t.dataDir);
    const runs = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(routes(), async (c) => {
        const was = logSnapshot(t.dataDir);
        const res = await send(c);
        runs.set(c.route, (runs.get(c.route) ?? 0) + 1);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expectProblem(res);
        if (logSnapshot(t.dataDir).digest !== was.digest) {
          throw new Error(
            `${c.route} answered ${res.status} but recorded ${JSON.stringify(eventsAfter(t.dataDir, was.lastPosition))}`,
          );
        }
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
    expect(logSnapshot(t.dataDir)).toEqual(before);

    // Every route had its share of the runs.
    expect(runs.size).toBe(9);
    for (const count of runs.values()) expect(count).toBeGreaterThanOrEqual(50);
  });
});
