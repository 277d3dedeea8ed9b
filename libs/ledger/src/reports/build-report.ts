import type Database from 'better-sqlite3';
import { buildFundingReport } from './funding.report';
import { buildProgramsReport } from './programs.report';
import type { ReportFilter, ReportName, ReportRows } from './report-types';
import { buildTownshipsReport } from './townships.report';

const BUILDERS: { [R in ReportName]: (db: Database.Database, filter: ReportFilter) => ReportRows[R] } = {
  funding: buildFundingReport,
  programs: buildProgramsReport,
  townships: buildTownshipsReport,
};

/** A report's JSON rows from the read models (for `asOf`, pass a database replayed to that day). */
export function buildReport<R extends ReportName>(
  db: Database.Database,
  report: R,
  filter: ReportFilter,
): ReportRows[R] {
  return BUILDERS[report](db, filter);
}
