import ExcelJS from 'exceljs';
import { fenToMoney, toFen } from '../read-models/fen';
import { columnsFor, header, TITLES, TOTAL_LABEL, type Column } from './columns';
import type { ReportLang, ReportName } from './report-types';

const MONEY_FORMAT = '#,##0.00';
const COUNT_FORMAT = '0';

/**
 * A real workbook: one sheet, a bold frozen header row, one row per report row, a totals row, widths to fit.
 * Money cells are numbers formatted with two decimals, so Excel can sum them. The totals are summed exactly
 * in integer fen; `Number(moneyString)` happens only to hand a cell its value (the nearest double to a
 * two-decimal amount, which Excel shows as that amount) — no arithmetic is ever done on those numbers.
 */
export async function renderXlsx(
  report: ReportName,
  rows: readonly unknown[],
  lang: ReportLang,
): Promise<Buffer> {
  const columns = columnsFor(report);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Subsidy Ledger';
  const sheet = workbook.addWorksheet(TITLES[report][lang], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: header(c, lang), key: c.key }));
  sheet.getRow(1).font = { bold: true };

  const totals = columns.map(() => 0); // integer fen for money, persons for counts
  for (const row of rows) {
    sheet.addRow(
      columns.map((c, i) => {
        const value = c.value(row, lang);
        if (c.kind === 'money') {
          totals[i] += toFen(value as string);
          return Number(value); // cell value only, see above
        }
        if (c.kind === 'count') totals[i] += value as number;
        return value;
      }),
    );
  }
  const total = sheet.addRow(
    columns.map((c, i) => {
      if (i === 0) return TOTAL_LABEL[lang];
      if (c.kind === 'money') return Number(fenToMoney(totals[i])); // cell value only
      return c.kind === 'count' ? totals[i] : null;
    }),
  );
  total.font = { bold: true };
  total.border = { top: { style: 'thin' } };

  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    if (c.kind === 'money') column.numFmt = MONEY_FORMAT;
    if (c.kind === 'count') column.numFmt = COUNT_FORMAT;
    column.width = width(c, sheet, i + 1);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Characters to fit the widest cell; CJK characters take two. */
function width(column: Column<unknown>, sheet: ExcelJS.Worksheet, index: number): number {
  let widest = 0;
  sheet.getColumn(index).eachCell({ includeEmpty: false }, (cell) => {
    const value = cell.value;
    const text =
      typeof value === 'number' && column.kind === 'money'
        ? value.toLocaleString('en', { minimumFractionDigits: 2 })
        : String(value ?? '');
    widest = Math.max(
      widest,
      [...text].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0),
    );
  });
  return Math.min(60, widest + 2);
}
