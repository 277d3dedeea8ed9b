import { stringify } from 'csv-stringify/sync';
import { columnsFor, header } from './columns';
import type { ReportLang, ReportName } from './report-types';

/**
 * One line per report row, columns flattened (`allocated.upper`); money stays the two-decimal string. A
 * Chinese report starts with a UTF-8 BOM so Excel opens it as UTF-8; the English one is for machines and has
 * none.
 */
export function renderCsv(report: ReportName, rows: readonly unknown[], lang: ReportLang): string {
  const columns = columnsFor(report);
  return stringify(
    rows.map((row) => columns.map((c) => c.value(row, lang))),
    { header: true, columns: columns.map((c) => header(c, lang)), bom: lang === 'zh' },
  );
}
