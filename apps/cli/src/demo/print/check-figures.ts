/**
 * Does the ledger's own report say what the county's report says? Every program-year: its quota, everyone
 * enrolled and paid in full, and funding allocated and disbursed exactly as planned, 0.00 left. Pure.
 */
import type { FundingReportRow, ProgramsReportRow } from '@subsidy/ledger/reports/report-types';
import { entitlementTotal, personsPaid, type ProgramYearPlan } from '../figures/program-years-2024';

export function figureMismatches(
  plans: readonly ProgramYearPlan[],
  programs: readonly ProgramsReportRow[],
  funding: readonly FundingReportRow[],
): string[] {
  const problems: string[] = [];
  const expect = (what: string, actual: unknown, wanted: unknown) => {
    if (actual !== wanted) problems.push(`${what} is ${String(actual)}, the report says ${String(wanted)}`);
  };
  for (const plan of plans) {
    const code = plan.programCode;
    const p = programs.find((r) => r.programCode === code);
    const f = funding.find((r) => r.programCode === code);
    if (!p || !f) {
      problems.push(`${code} is missing from the ${p ? 'funding' : 'programs'} report`);
      continue;
    }
    const persons = personsPaid(plan);
    expect(`${code} quota`, p.quota, plan.quota);
    expect(`${code} enrolled`, p.enrolled, persons);
    expect(`${code} paid persons`, p.paidPersons, persons);
    expect(`${code} paid amount`, p.paidAmount, entitlementTotal(plan));
    for (const source of ['upper', 'county'] as const) {
      expect(`${code} allocated.${source}`, f.allocated[source], plan.fundingPlan[source]);
      expect(`${code} disbursed.${source}`, f.disbursed[source], plan.fundingPlan[source]);
      expect(`${code} available.${source}`, f.available[source], '0.00');
    }
  }
  return problems;
}
