/** The demo's printed result: the reports as the API answers them, the ASSUMED figures, the corrections. */
import type { FundingReportRow, ProgramsReportRow } from '@subsidy/ledger/reports/report-types';
import type { ProgramYearPlan } from '../figures/program-years-2024';
import type { YearRecord } from '../run/year-2024';
import { maskCertificateNumber } from '@subsidy/domain/registry/masking';
import { ACTORS } from '../run/actors';
import { asOfTable, assumedTable, fundingTable, programsTable } from './report-tables';

export interface Outcome {
  year: number;
  plans: readonly ProgramYearPlan[];
  programs: readonly ProgramsReportRow[];
  funding: readonly FundingReportRow[];
  asOf: { date: string; programs: readonly ProgramsReportRow[] };
  record: YearRecord;
  mismatches: readonly string[];
}

export function outcomeText({ year, plans, programs, funding, asOf, record, mismatches }: Outcome): string {
  return [
    `GET /reports/programs?year=${year} — 项目完成情况 (quota against actual)`,
    programsTable(programs, plans),
    '',
    `GET /reports/funding?year=${year} — 资金拨付与支出 (upper-level allocation against county matching)`,
    fundingTable(funding),
    '',
    `GET /reports/programs?year=${year}&asOf=${asOf.date} — as it stood that evening`,
    asOfTable(asOf.programs),
    '(student aid is enrolled in September; three medication lines failed at the bank in June, re-paid in July)',
    '',
    'ASSUMED 假设 — figures the report does not give (apps/cli/src/demo/figures/assumed-2024.ts):',
    assumedTable(plans),
    'Upper level funds the quota, the county the persons above it; allocation 文号 and dates are illustrative.',
    '',
    corrections(record),
    '',
    mismatches.length === 0
      ? 'Every figure equals the county report. 与报告数字一致。'
      : `MISMATCH with the county report:\n  ${mismatches.join('\n  ')}`,
  ].join('\n');
}

/** The batches, and the bank failures and the reversal with who was re-paid where. */
function corrections(record: YearRecord): string {
  const { batches, bankFailures, reversal } = record;
  const lines = [
    `${batches.length} payment batches, each drafted by ${ACTORS.clerk} and approved by ${ACTORS.approver}; ` +
      `${batches.filter((b) => b.warnings.length > 0).length} drafted with funding warnings.`,
    `Bank failures 银行回盘失败 (${bankFailures.length}), re-paid after a new card was recorded:`,
    ...bankFailures.map(
      (f) =>
        `  ${f.programCode} ${maskCertificateNumber(f.certificateNumber)} ${f.amount}: ${f.reason} → re-paid in batch ${f.repaidIn ?? '—'}`,
    ),
    'Reversal 冲正 (1), re-paid after the card was corrected:',
    `  ${reversal.programCode} ${maskCertificateNumber(reversal.certificateNumber)} ${reversal.amount}: ${reversal.reason}`,
    `  → re-paid with the second half in batch ${reversal.repaidIn ?? '—'}`,
  ];
  return lines.join('\n');
}
