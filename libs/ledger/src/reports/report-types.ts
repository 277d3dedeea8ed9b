import type { MoneyString } from '@subsidy/domain/shared/money';

export type ReportName = 'funding' | 'programs' | 'townships';
export type ReportLang = 'en' | 'zh';

export interface ReportFilter {
  year: number;
  /** Restricts every report to one program. */
  programCode?: string;
}

/** Money per source and in total (上级 upper-level, 县级 county, 合计 total). */
export interface SourceSplit {
  upper: MoneyString;
  county: MoneyString;
  total: MoneyString;
}

/** GET /reports/funding: allocated (拨付), disbursed (已支出, net), available (结余) per program-year. */
export interface FundingReportRow {
  programCode: string;
  year: number;
  allocated: SourceSplit;
  disbursed: SourceSplit;
  available: SourceSplit;
}

/** GET /reports/programs: quota (任务数) against actual (实际完成); paid counts approved and paid lines. */
export interface ProgramsReportRow {
  programCode: string;
  year: number;
  quota: number;
  enrolled: number;
  paidPersons: number;
  paidAmount: MoneyString;
}

/**
 * GET /reports/townships: per township (as registered or since changed): persons registered there, and of
 * them, enrolled in the year's program-years, paid (an approved or paid line), and the amount paid.
 */
export interface TownshipsReportRow {
  township: string;
  year: number;
  persons: number;
  enrolled: number;
  paidPersons: number;
  paidAmount: MoneyString;
}

export interface ReportRows {
  funding: FundingReportRow[];
  programs: ProgramsReportRow[];
  townships: TownshipsReportRow[];
}
