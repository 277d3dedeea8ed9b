/**
 * ASSUMED — every figure the demo needs that the report does not give, in this one table (printed by the
 * demo under the same label). Funding rule where the report is silent: the upper level funds the quota
 * (quota × rate) and the county the persons above it; plans add up to exactly what is paid, so every
 * program-year ends with 0.00 available. Allocation references and dates are illustrative 文号.
 */
import type { ProgramCode } from '@subsidy/domain/catalogue/program-code';
import type { MoneyString } from '@subsidy/domain/shared/money';

export interface AssumedProgramYear {
  quota?: number;
  rates?: Readonly<Record<string, MoneyString>>;
  fundingPlan?: { upper: MoneyString; county: MoneyString };
  why: string;
}

export const ASSUMED_2024: Readonly<Partial<Record<ProgramCode, AssumedProgramYear>>> = {
  'psychiatric-medication': {
    rates: { standard: '1200.00' },
    fundingPlan: { upper: '1443600.00', county: '217200.00' }, // 1,203 × 1,200 · 181 × 1,200
    why: 'rate and funding not in the report',
  },
  'fuel-subsidy': {
    quota: 143,
    rates: { standard: '300.00' },
    fundingPlan: { upper: '42900.00', county: '0.00' },
    why: 'only the persons paid are in the report',
  },
  'student-aid-higher': {
    rates: { standard: '5000.00' },
    fundingPlan: { upper: '90000.00', county: '65000.00' }, // 18 × 5,000 · 13 × 5,000
    why: 'rate and funding not in the report',
  },
  'student-aid-vocational': {
    rates: { standard: '2000.00' },
    fundingPlan: { upper: '30000.00', county: '58000.00' }, // 15 × 2,000 · 29 × 2,000
    why: 'rate and funding not in the report',
  },
  'vocational-training': {
    quota: 668,
    fundingPlan: { upper: '0.00', county: '133600.00' }, // 668 × 200
    why: 'the report: paid from the employment fund (扶持残疾人就业创业专项经费), taken as county money',
  },
  'child-rehabilitation': {
    rates: { standard: '6000.00' },
    fundingPlan: { upper: '828000.00', county: '1086000.00' }, // 138 × 6,000 · 181 × 6,000
    why: 'rate and funding not in the report',
  },
  'assistive-devices': {
    quota: 30,
    rates: { standard: '2000.00' },
    fundingPlan: { upper: '60000.00', county: '30000.00' }, // 30 × 2,000 · 15 × 2,000
    why: 'the report says only "above quota"',
  },
  'accessibility-renovation': {
    quota: 124,
    rates: { standard: '5000.00' },
    fundingPlan: { upper: '620000.00', county: '0.00' },
    why: 'households done = the year’s task; the 38 more by tender paid a contractor, not a card',
  },
};

/** Illustrative 文号 for the allocations: upper-level (六安市残联 passing on provincial money) and county (县财政局). */
export const ALLOCATION_REFERENCE = {
  upper: (n: number) => `六残联〔2024〕${n}号`,
  county: (n: number) => `金财社〔2024〕${n}号`,
} as const;
