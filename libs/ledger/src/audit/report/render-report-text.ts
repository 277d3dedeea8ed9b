import { columnsFor, header } from '../../reports/columns';
import type { ReportLang, ReportName } from '../../reports/report-types';
import { renderTextTable } from './text-table';

/** A report's rows (from `buildReport`) as an aligned text table, with the same columns as its CSV. */
export function renderReportText(report: ReportName, rows: readonly unknown[], lang: ReportLang): string {
  const columns = columnsFor(report);
  return renderTextTable(
    columns.map((c) => ({
      header: header(c, lang),
      align: c.kind === 'count' || c.kind === 'money' ? 'right' : 'left',
    })),
    rows.map((row) => columns.map((c) => String(c.value(row, lang)))),
  );
}
