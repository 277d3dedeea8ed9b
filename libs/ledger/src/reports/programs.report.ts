import type Database from 'better-sqlite3';
import { fenToMoney } from '../read-models/fen';
import { programYearsOf } from '../read-models/queries/programs.queries';
import { prepared } from '../read-models/queries/prepared';
import type { ProgramsReportRow, ReportFilter } from './report-types';

interface CountRow {
  program_code: string;
  enrolled: number;
  paid_persons: number;
  paid_fen: number;
}

/**
 * Quota (任务数) against enrolled (已纳入), persons paid (实际完成) and amount paid (实际发放金额) per opened
 * program-year, in catalogue order. A person counts as paid while one of their lines is approved or
 * bank-confirmed; the amount is the sum of such lines (net of failed and reversed ones). Paid sums are in
 * `entitlement_paid`, with no row for an entitlement nothing was paid on yet.
 */
export function buildProgramsReport(db: Database.Database, filter: ReportFilter): ProgramsReportRow[] {
  const counts = prepared<[number], CountRow>(
    db,
    `SELECT e.program_code, COUNT(*) AS enrolled, COALESCE(SUM(p.live_lines > 0), 0) AS paid_persons,
       COALESCE(SUM(p.paid_fen), 0) AS paid_fen
     FROM entitlement e LEFT JOIN entitlement_paid p
       ON p.program_code = e.program_code AND p.year = e.year AND p.person_id = e.person_id
     WHERE e.year = ? GROUP BY e.program_code`,
  ).all(filter.year);
  return programYearsOf(db, filter.year)
    .filter((py) => filter.programCode === undefined || py.programCode === filter.programCode)
    .map(({ programCode, year, quota }) => {
      const c = counts.find((r) => r.program_code === programCode);
      return {
        programCode,
        year,
        quota,
        enrolled: c?.enrolled ?? 0,
        paidPersons: c?.paid_persons ?? 0,
        paidAmount: fenToMoney(c?.paid_fen ?? 0),
      };
    });
}
