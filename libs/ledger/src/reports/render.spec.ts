import ExcelJS from 'exceljs';
import { formatMoney, money, sumMoney } from '@subsidy/domain/shared/money';
import { careScenario } from '../read-models/testing/care-scenario';
import { projected } from '../read-models/testing/project';
import { buildReport } from './build-report';
import { renderReport } from './render-report';
import type { ReportName } from './report-types';

/** These reports hold no commas, quotes or line breaks in a field, so a CSV line splits on commas. */
function parse(csv: string): string[][] {
  expect(csv).not.toContain('"');
  return csv
    .trimEnd()
    .split('\n')
    .map((line) => line.split(','));
}

const s = careScenario();
const db = projected(s.ledger.events);
const funding = buildReport(db, 'funding', { year: 2024 });
const programs = buildReport(db, 'programs', { year: 2024 });

async function workbook(report: ReportName, rows: readonly unknown[], lang: 'en' | 'zh') {
  const rendered = await renderReport(report, rows, 'xlsx', lang);
  expect(rendered.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(rendered.body as unknown as ExcelJS.Buffer);
  return book.worksheets[0];
}

describe('report renderers', () => {
  it('CSV: one row per report row, columns flattened, money as two-decimal strings', async () => {
    const { body, contentType } = await renderReport('funding', funding, 'csv', 'en');
    expect(contentType).toBe('text/csv; charset=utf-8');
    const [head, ...rows] = parse(body as string) as string[][];
    expect(head).toEqual([
      'programCode',
      'year',
      'allocated.upper',
      'allocated.county',
      'allocated.total',
      'disbursed.upper',
      'disbursed.county',
      'disbursed.total',
      'available.upper',
      'available.county',
      'available.total',
    ]);
    const care = funding[1];
    expect(rows[1]).toEqual([
      'care-services',
      '2024',
      ...[care.allocated, care.disbursed, care.available].flatMap((m) => [m.upper, m.county, m.total]),
    ]);
  });

  it('CSV in Chinese: the county report’s words, program names in Chinese, a BOM for Excel', async () => {
    const { body } = await renderReport('programs', programs, 'csv', 'zh');
    expect((body as string).startsWith('\uFEFF')).toBe(true);
    const [head, , care] = parse((body as string).slice(1)) as string[][];
    expect(head).toEqual(['项目', '年度', '任务数', '已纳入', '实际完成(人)', '实际发放金额']);
    expect(care).toEqual(['阳光家园计划托养服务', '2024', '89', '89', '87', programs[1].paidAmount]);
    const townships = await renderReport(
      'townships',
      buildReport(db, 'townships', { year: 2024 }),
      'csv',
      'zh',
    );
    expect((townships.body as string).split('\n')[0]).toBe(
      '\uFEFF乡镇,年度,持证人数,已纳入,实际完成(人),实际发放金额',
    );
  });

  it('XLSX: numbers as numbers equal to the JSON amounts, two-decimal format, a frozen bold header', async () => {
    const sheet = await workbook('funding', funding, 'en');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'programCode',
      'year',
      'allocated.upper',
      'allocated.county',
      'allocated.total',
      'disbursed.upper',
      'disbursed.county',
      'disbursed.total',
      'available.upper',
      'available.county',
      'available.total',
    ]);
    funding.forEach((row, i) => {
      const cells = sheet.getRow(i + 2);
      expect(cells.getCell(1).value).toBe(row.programCode);
      expect(cells.getCell(2).value).toBe(2024);
      const money = [row.allocated, row.disbursed, row.available].flatMap((m) => [
        m.upper,
        m.county,
        m.total,
      ]);
      money.forEach((amount, j) => {
        const cell = cells.getCell(j + 3);
        expect(typeof cell.value).toBe('number');
        expect((cell.value as number).toFixed(2)).toBe(amount);
        expect(cell.numFmt).toBe('#,##0.00');
      });
    });
    for (let c = 1; c <= 11; c++) expect(sheet.getColumn(c).width).toBeGreaterThan(5);
  });

  it('XLSX: a totals row summed exactly, counts summed, the year left out', async () => {
    const sheet = await workbook('programs', programs, 'zh');
    expect(sheet.name).toBe('项目完成情况');
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '项目',
      '年度',
      '任务数',
      '已纳入',
      '实际完成(人)',
      '实际发放金额',
    ]);
    const totals = sheet.getRow(programs.length + 2);
    expect(totals.getCell(1).value).toBe('合计');
    expect(totals.getCell(2).value).toBeNull();
    expect(totals.getCell(3).value).toBe(programs.reduce((n, p) => n + p.quota, 0));
    expect(totals.getCell(5).value).toBe(programs.reduce((n, p) => n + p.paidPersons, 0));
    const exact = formatMoney(sumMoney(programs.map((p) => money(p.paidAmount))));
    expect((totals.getCell(6).value as number).toFixed(2)).toBe(exact);
    expect(sheet.rowCount).toBe(programs.length + 2);
  });

  it('JSON: the rows as they are', async () => {
    const { body, contentType } = await renderReport('programs', programs, 'json');
    expect(contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(body as string)).toEqual(programs);
  });
});
