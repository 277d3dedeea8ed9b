import { renderCsv } from './render-csv';
import { renderXlsx } from './render-xlsx';
import type { ReportLang, ReportName } from './report-types';

export type ReportFormat = 'json' | 'csv' | 'xlsx';

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A report's rows (from `buildReport`) as JSON, CSV or an Excel workbook, headers in English or Chinese. */
export async function renderReport(
  report: ReportName,
  rows: readonly unknown[],
  format: ReportFormat,
  lang: ReportLang = 'en',
): Promise<{ contentType: string; body: string | Buffer }> {
  const body =
    format === 'xlsx'
      ? await renderXlsx(report, rows, lang)
      : format === 'csv'
        ? renderCsv(report, rows, lang)
        : JSON.stringify(rows);
  return { contentType: CONTENT_TYPES[format], body };
}
