import type Database from 'better-sqlite3';
import { fenToMoney } from '../read-models/fen';
import { programYearsOf } from '../read-models/queries/programs.queries';
import { prepared } from '../read-models/queries/prepared';
import type { FundingReportRow, ReportFilter, SourceSplit } from './report-types';

interface SourceRow {
  program_code: string;
  source: 'upper' | 'county';
  allocated_fen: number;
  disbursed_fen: number;
}

const split = (upper: number, county: number): SourceSplit => ({
  upper: fenToMoney(upper),
  county: fenToMoney(county),
  total: fenToMoney(upper + county),
});

/** Funding per opened program-year of the year, in catalogue order: available = allocated − disbursed (net). */
export function buildFundingReport(db: Database.Database, filter: ReportFilter): FundingReportRow[] {
  const sources = prepared<[number], SourceRow>(
    db,
    'SELECT program_code, source, allocated_fen, disbursed_fen FROM funding_source WHERE year = ?',
  ).all(filter.year);
  const fen = (code: string, source: 'upper' | 'county') =>
    sources.find((s) => s.program_code === code && s.source === source) ?? {
      allocated_fen: 0,
      disbursed_fen: 0,
    };
  return programYearsOf(db, filter.year)
    .filter((py) => filter.programCode === undefined || py.programCode === filter.programCode)
    .map(({ programCode, year }) => {
      const upper = fen(programCode, 'upper');
      const county = fen(programCode, 'county');
      return {
        programCode,
        year,
        allocated: split(upper.allocated_fen, county.allocated_fen),
        disbursed: split(upper.disbursed_fen, county.disbursed_fen),
        available: split(
          upper.allocated_fen - upper.disbursed_fen,
          county.allocated_fen - county.disbursed_fen,
        ),
      };
    });
}
