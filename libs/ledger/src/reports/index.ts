/** Reports: JSON rows built from the read models, rendered as CSV or Excel with English or Chinese headers. */
export { buildReport } from './build-report';
export { buildFundingReport } from './funding.report';
export { buildProgramsReport } from './programs.report';
export { buildTownshipsReport } from './townships.report';
export { renderReport, CONTENT_TYPES, type ReportFormat } from './render-report';
export { renderCsv } from './render-csv';
export { renderXlsx } from './render-xlsx';
export { COLUMNS, columnsFor, type Column, type ColumnKind } from './columns';
export type * from './report-types';
