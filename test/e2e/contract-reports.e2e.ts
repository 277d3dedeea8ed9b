import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { person } from './support/people';
import { draft, openProgramYear } from './support/scenario';
import { expectProblem } from './support/problem';
import { fen, sumFen, yuan } from './support/money';

/**
 * Contract rows: GET /reports/funding and /reports/programs (and our /reports/townships) in JSON, CSV
 * (`Accept: text/csv`) and Excel (`Accept: …spreadsheetml.sheet`), with `?lang=zh` for Chinese headers.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Split = { upper: string; county: string; total: string };
interface FundingRow {
  programCode: string;
  year: number;
  allocated: Split;
  disbursed: Split;
  available: Split;
}
interface Line {
  certificateNumber: string;
  amount: string;
  status: string;
  funding: { upper: string; county: string };
}

/** A JSON row flattened the way the files flatten it (`allocated.upper`). */
function flatten(row: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (v !== null && typeof v === 'object')
      Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = v;
  }
  return out;
}

/** These reports hold no quotes, commas or line breaks inside a field. */
const csvRows = (text: string): string[][] =>
  text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split(/\r?\n/)
    .map((l) => l.split(','));

async function sheetOf(res: Response): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.body as ExcelJS.Buffer);
  return book.worksheets[0]!;
}

const binary = (res: Response, done: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('reports: funding, programs, townships as JSON, CSV and Excel', () => {
  let t: TestApp;
  const auditor = (): { Authorization: string } => bearer(t.tokens.auditor!);
  const townshipOf = new Map<string, string>();
  let careLines: Line[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const clerk = bearer(t.tokens.clerk!);
    await openProgramYear(t, {
      programCode: 'care-services',
      year: 2024,
      rates: { residential: '12000.00', day: '4000.00', home: '2000.00' },
      plan: { upper: '133500.00', county: '74500.00' },
      allocate: { upper: '133500.00', county: '74500.00' },
      quota: 89,
    });
    await openProgramYear(t, {
      programCode: 'psychiatric-medication',
      year: 2024,
      rates: { standard: '1200.00' },
      plan: { upper: '3600.00', county: '0.00' },
      allocate: { upper: '2400.00' },
      quota: 1203,
    });
    const places = ['梅山镇', '青山镇', '沙河乡'];
    const care: string[] = [];
    const medication: string[] = [];
    for (let i = 0; i < 6; i++) {
      const township = places[i % 3]!;
      const body = person({ category: 'mental', birthDate: '1981-08-08', township });
      await t.http.post('/api/v1/beneficiaries').set(clerk).send(body).expect(201);
      townshipOf.set(body.certificateNumber, township);
      const tier = i === 0 ? 'residential' : i < 3 ? 'day' : 'home';
      await t.http
        .post('/api/v1/enrollments')
        .set(clerk)
        .send({ certificateNumber: body.certificateNumber, programCode: 'care-services', year: 2024, tier })
        .expect(201);
      care.push(body.certificateNumber);
      if (i < 3) {
        await t.http
          .post('/api/v1/enrollments')
          .set(clerk)
          .send({
            certificateNumber: body.certificateNumber,
            programCode: 'psychiatric-medication',
            year: 2024,
          })
          .expect(201);
        medication.push(body.certificateNumber);
      }
    }
    // Someone registered in 南溪镇 and enrolled nowhere still counts as a person there.
    const nanxi = person({ township: '南溪镇' });
    await t.http.post('/api/v1/beneficiaries').set(clerk).send(nanxi).expect(201);
    townshipOf.set(nanxi.certificateNumber, '南溪镇');

    const careBatch = await draft(t, { programCode: 'care-services', year: 2024, payOutstanding: true });
    await t.http
      .post(`/api/v1/payment-batches/${careBatch.batchId}/approval`)
      .set(bearer(t.tokens.approver!))
      .expect(200);
    const [l0, l1, l2] = careBatch.lines;
    await t.http
      .post(`/api/v1/payment-batches/${careBatch.batchId}/bank-returns`)
      .set(clerk)
      .send({
        lines: [
          { lineId: l0!.lineId, result: 'paid' },
          { lineId: l1!.lineId, result: 'failed', reason: '卡号错误 wrong card number' },
        ],
      })
      .expect(200);
    await t.http
      .post(`/api/v1/payments/${l2!.lineId}/reversal`)
      .set(bearer(t.tokens.approver!))
      .send({ reason: 'left the program before payment' })
      .expect(200);
    careLines = (await t.http.get(`/api/v1/payment-batches/${careBatch.batchId}`).set(auditor()).expect(200))
      .body.lines;

    const medBatch = await draft(t, {
      programCode: 'psychiatric-medication',
      year: 2024,
      lines: medication.slice(0, 2).map((c) => ({ certificateNumber: c, amount: '1200.00' })),
    });
    await t.http
      .post(`/api/v1/payment-batches/${medBatch.batchId}/approval`)
      .set(bearer(t.tokens.approver!))
      .expect(200);
  });
  afterAll(() => t.close());

  const live = (l: Line): boolean => l.status === 'approved' || l.status === 'paid';

  it('funding: allocated, disbursed (net of failed and reversed lines) and available per source, catalogue order', async () => {
    const res = await t.http.get('/api/v1/reports/funding?year=2024').set(auditor()).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const rows = res.body as FundingRow[];
    expect(rows.map((r) => r.programCode)).toEqual(['psychiatric-medication', 'care-services']);
    const care = rows[1]!;
    const paid = careLines.filter(live);
    expect(care.disbursed).toEqual({
      upper: yuan(sumFen(paid.map((l) => l.funding.upper))),
      county: yuan(sumFen(paid.map((l) => l.funding.county))),
      total: yuan(sumFen(paid.map((l) => l.amount))),
    });
    expect(care.allocated).toEqual({ upper: '133500.00', county: '74500.00', total: '208000.00' });
    for (const r of rows) {
      for (const s of ['upper', 'county', 'total'] as const) {
        expect(fen(r.available[s])).toBe(fen(r.allocated[s]) - fen(r.disbursed[s]));
      }
      expect(fen(r.disbursed.total)).toBe(fen(r.disbursed.upper) + fen(r.disbursed.county));
    }
    expect(rows[0]).toEqual({
      programCode: 'psychiatric-medication',
      year: 2024,
      allocated: { upper: '2400.00', county: '0.00', total: '2400.00' },
      disbursed: { upper: '2400.00', county: '0.00', total: '2400.00' },
      available: { upper: '0.00', county: '0.00', total: '0.00' },
    });
    const one = await t.http
      .get('/api/v1/reports/funding?year=2024&programCode=care-services')
      .set(auditor())
      .expect(200);
    expect(one.body).toEqual([care]);
    expect((await t.http.get('/api/v1/reports/funding?year=2025').set(auditor()).expect(200)).body).toEqual(
      [],
    );
  });

  it('programs: quota, enrolled, and persons and amount paid counting approved and bank-confirmed lines only', async () => {
    const res = await t.http.get('/api/v1/reports/programs?year=2024').set(auditor()).expect(200);
    const paid = careLines.filter(live);
    expect(res.body).toEqual([
      {
        programCode: 'psychiatric-medication',
        year: 2024,
        quota: 1203,
        enrolled: 3,
        paidPersons: 2,
        paidAmount: '2400.00',
      },
      {
        programCode: 'care-services',
        year: 2024,
        quota: 89,
        enrolled: 6,
        paidPersons: paid.length,
        paidAmount: yuan(sumFen(paid.map((l) => l.amount))),
      },
    ]);
    expect(paid).toHaveLength(4); // 6 lines, one failed, one reversed
  });

  it('townships: persons registered, enrolled and paid per township; the paid amounts add up to the programs report', async () => {
    const res = await t.http.get('/api/v1/reports/townships?year=2024').set(auditor()).expect(200);
    const rows = res.body as Array<{
      township: string;
      year: number;
      persons: number;
      enrolled: number;
      paidPersons: number;
      paidAmount: string;
    }>;
    expect(rows.map((r) => r.township).sort()).toEqual(['南溪镇', '梅山镇', '沙河乡', '青山镇'].sort());
    const count = (township: string): number => [...townshipOf.values()].filter((v) => v === township).length;
    for (const r of rows) {
      expect(r.year).toBe(2024);
      expect(r.persons).toBe(count(r.township));
    }
    expect(rows.find((r) => r.township === '南溪镇')).toMatchObject({
      persons: 1,
      enrolled: 0,
      paidPersons: 0,
      paidAmount: '0.00',
    });
    const programs = (await t.http.get('/api/v1/reports/programs?year=2024').set(auditor()).expect(200))
      .body as Array<{ paidAmount: string }>;
    expect(sumFen(rows.map((r) => r.paidAmount))).toBe(sumFen(programs.map((p) => p.paidAmount)));
    expect(rows.reduce((s, r) => s + r.enrolled, 0)).toBe(6);
  });

  for (const report of ['funding', 'programs', 'townships'] as const) {
    it(`${report}: Accept text/csv gives the same rows with the JSON keys as headers; ?lang=zh Chinese headers`, async () => {
      const json = (await t.http.get(`/api/v1/reports/${report}?year=2024`).set(auditor()).expect(200))
        .body as Array<Record<string, unknown>>;
      const flat = json.map((r) => flatten(r));
      const res = await t.http
        .get(`/api/v1/reports/${report}?year=2024`)
        .set(auditor())
        .set('Accept', 'text/csv')
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const [head, ...rows] = csvRows(res.text);
      expect(head).toEqual(Object.keys(flat[0]!));
      expect(rows).toEqual(flat.map((r) => Object.values(r).map(String)));

      const zh = await t.http
        .get(`/api/v1/reports/${report}?year=2024&lang=zh`)
        .set(auditor())
        .set('Accept', 'text/csv')
        .expect(200);
      const [zhHead, ...zhRows] = csvRows(zh.text);
      expect(zhHead).toHaveLength(head!.length);
      for (const h of zhHead!) expect(h).toMatch(/[\u4e00-\u9fff]/);
      expect(zhHead).toContain('年度');
      // The same figures; only program names are shown in Chinese.
      expect(zhRows.map((r) => r.slice(1))).toEqual(rows.map((r) => r.slice(1)));
      if (report !== 'townships') expect(zhRows.map((r) => r[0])).toContain('阳光家园计划托养服务');
    });

    it(`${report}: the Excel workbook holds the JSON's numbers, and a totals row that sums them`, async () => {
      const json = (await t.http.get(`/api/v1/reports/${report}?year=2024`).set(auditor()).expect(200))
        .body as Array<Record<string, unknown>>;
      const flat = json.map((r) => flatten(r));
      const keys = Object.keys(flat[0]!);
      const res = await t.http
        .get(`/api/v1/reports/${report}?year=2024`)
        .set(auditor())
        .set('Accept', XLSX)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.headers['content-type']).toMatch(
        /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/,
      );
      const sheet = await sheetOf(res);
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(keys);
      for (const [i, row] of flat.entries()) {
        const cells = (sheet.getRow(i + 2).values as unknown[]).slice(1);
        keys.forEach((k, c) => {
          const value = row[k];
          if (typeof value === 'string' && /^\d+\.\d{2}$/.test(value)) {
            expect(typeof cells[c]).toBe('number');
            expect((cells[c] as number).toFixed(2)).toBe(value); // money as a number cell, equal to the fen
          } else {
            expect(cells[c]).toEqual(value);
          }
        });
      }
      const totals = (sheet.getRow(flat.length + 2).values as unknown[]).slice(1);
      keys.forEach((k, c) => {
        const values = flat.map((r) => r[k]);
        if (typeof values[0] === 'string' && /^\d+\.\d{2}$/.test(values[0])) {
          expect((totals[c] as number).toFixed(2)).toBe(yuan(sumFen(values as string[])));
        }
      });

      const zh = await t.http
        .get(`/api/v1/reports/${report}?year=2024&lang=zh`)
        .set(auditor())
        .set('Accept', XLSX)
        .buffer(true)
        .parse(binary)
        .expect(200);
      const zhHeader = ((await sheetOf(zh)).getRow(1).values as unknown[]).slice(1);
      expect(zhHeader).toHaveLength(keys.length);
      for (const h of zhHeader) expect(String(h)).toMatch(/[\u4e00-\u9fff]/);
    });
  }

  it('answers 400 for a missing or bad year, an unknown report, program code or asOf; 401 without a token', async () => {
    for (const path of [
      '/api/v1/reports/funding',
      '/api/v1/reports/funding?year=24',
      '/api/v1/reports/budget?year=2024',
      '/api/v1/reports/programs?year=2024&programCode=cataract',
      '/api/v1/reports/funding?year=2024&asOf=2024-02-30',
      '/api/v1/reports/funding?year=2024&lang=fr',
    ]) {
      expectProblem(await t.http.get(path).set(auditor()), 400);
    }
    expectProblem(await t.http.get('/api/v1/reports/funding?year=2024'), 401);
  });
});
