/** The 2024 program-years the demo records: the report's figures, completed by the ASSUMED table. */
import { PROGRAM_CODES, type ProgramCode } from '@subsidy/domain/catalogue/program-code';
import { formatMoney, money, sumMoney, type MoneyString } from '@subsidy/domain/shared/money';
import { ASSUMED_2024 } from './assumed-2024';
import { REPORTED_2024 } from './reported-2024';

export const DEMO_YEAR = 2024;

export interface ProgramYearPlan {
  programCode: ProgramCode;
  quota: number;
  /** Persons enrolled and paid in full, per tier: the report's actuals. */
  persons: Readonly<Record<string, number>>;
  rates: Readonly<Record<string, MoneyString>>;
  fundingPlan: { upper: MoneyString; county: MoneyString };
  /** Which of quota, rates, fundingPlan come from the ASSUMED table rather than the report. */
  assumed: ReadonlyArray<'quota' | 'rates' | 'fundingPlan'>;
  reportSays: string;
}

function plan(programCode: ProgramCode): ProgramYearPlan {
  const reported = REPORTED_2024[programCode];
  const assumed = ASSUMED_2024[programCode] ?? { why: '' };
  const take = <K extends 'quota' | 'rates' | 'fundingPlan'>(key: K) => {
    const r = reported[key];
    const a = assumed[key];
    if ((r === undefined) === (a === undefined)) {
      throw new Error(`${programCode}: ${key} must come from exactly one of the report and the ASSUMED table`);
    }
    return (r ?? a)!;
  };
  return {
    programCode,
    quota: take('quota'),
    persons: reported.persons,
    rates: take('rates'),
    fundingPlan: take('fundingPlan'),
    assumed: (['quota', 'rates', 'fundingPlan'] as const).filter((k) => assumed[k] !== undefined),
    reportSays: reported.says,
  };
}

export const PROGRAM_YEARS_2024: readonly ProgramYearPlan[] = PROGRAM_CODES.map(plan);

export function planOf(programCode: ProgramCode): ProgramYearPlan {
  return PROGRAM_YEARS_2024.find((p) => p.programCode === programCode)!;
}

export function personsPaid(plan: ProgramYearPlan): number {
  return Object.values(plan.persons).reduce((a, b) => a + b, 0);
}

/** What paying everyone in full costs: Σ persons × rate per tier. */
export function entitlementTotal(plan: ProgramYearPlan): MoneyString {
  return formatMoney(
    sumMoney(Object.entries(plan.persons).map(([tier, n]) => money(plan.rates[tier]!).times(n))),
  );
}

export function fundingTotal(plan: ProgramYearPlan): MoneyString {
  return formatMoney(money(plan.fundingPlan.upper).plus(money(plan.fundingPlan.county)));
}
