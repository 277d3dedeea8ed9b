import type Database from 'better-sqlite3';
import { CATALOGUE } from '@subsidy/domain/catalogue/catalogue';
import type { FundingPolicy } from '@subsidy/domain/events/program-year-events';
import type { MoneyString } from '@subsidy/domain/shared/money';
import { fenToMoney } from '../fen';
import { prepared } from './prepared';

type Db = Database.Database;

export interface ProgramYearView {
  programCode: string;
  year: number;
  quota: number;
  rates: Record<string, MoneyString>;
  fundingPlan: { upper: MoneyString; county: MoneyString };
  fundingPolicy: FundingPolicy;
}

export interface ProgramListItem extends Partial<Omit<ProgramYearView, 'programCode'>> {
  programCode: string;
  name: string;
  nameZh: string;
  tiers: string[];
}

interface ProgramYearRow {
  program_code: string;
  year: number;
  quota: number;
  rates: string;
  plan_upper_fen: number;
  plan_county_fen: number;
  funding_policy: FundingPolicy;
}

function toView(r: ProgramYearRow): ProgramYearView {
  return {
    programCode: r.program_code,
    year: r.year,
    quota: r.quota,
    rates: JSON.parse(r.rates) as Record<string, MoneyString>,
    fundingPlan: { upper: fenToMoney(r.plan_upper_fen), county: fenToMoney(r.plan_county_fen) },
    fundingPolicy: r.funding_policy,
  };
}

/** An opened program-year's configuration as it stands. */
export function getProgramYear(db: Db, programCode: string, year: number): ProgramYearView | undefined {
  const r = prepared<[string, number], ProgramYearRow>(
    db,
    'SELECT * FROM program_year WHERE program_code = ? AND year = ?',
  ).get(programCode, year);
  return r === undefined ? undefined : toView(r);
}

/** Opened program-years of a year, in catalogue order. */
export function programYearsOf(db: Db, year: number): ProgramYearView[] {
  const rows = prepared<[number], ProgramYearRow>(db, 'SELECT * FROM program_year WHERE year = ?').all(year);
  return rows.map(toView).sort((a, b) => catalogueIndex(a.programCode) - catalogueIndex(b.programCode));
}

export function catalogueIndex(programCode: string): number {
  return CATALOGUE.findIndex((p) => p.code === programCode);
}

/** GET /programs?year=Y: the whole catalogue; a program opened for Y also carries its year's configuration. */
export function listPrograms(db: Db, year?: number): ProgramListItem[] {
  const opened = new Map(year === undefined ? [] : programYearsOf(db, year).map((p) => [p.programCode, p]));
  return CATALOGUE.map((p) => {
    const item: ProgramListItem = {
      programCode: p.code,
      name: p.name,
      nameZh: p.nameZh,
      tiers: [...p.tiers],
    };
    const py = opened.get(p.code);
    if (py !== undefined) {
      item.year = py.year;
      item.quota = py.quota;
      item.rates = py.rates;
      item.fundingPlan = py.fundingPlan;
      item.fundingPolicy = py.fundingPolicy;
    }
    return item;
  });
}
