/** The demo's printed tables: the programs and funding reports, and the ASSUMED figures. */
import { programDefinition } from '@subsidy/domain/catalogue/catalogue';
import { formatMoney, money, sumMoney } from '@subsidy/domain/shared/money';
import type { FundingReportRow, ProgramsReportRow } from '@subsidy/ledger/reports/report-types';
import { ASSUMED_2024 } from '../figures/assumed-2024';
import { personsPaid, type ProgramYearPlan } from '../figures/program-years-2024';
import { groupThousands, renderBilingualTable, type BilingualColumn } from './bilingual-table';

const PROGRAM: BilingualColumn = { zh: '项目', en: 'program', align: 'left' };
const left = (zh: string, en: string): BilingualColumn => ({ zh, en, align: 'left' });
const right = (zh: string, en: string): BilingualColumn => ({ zh, en, align: 'right' });
const total = (amounts: readonly string[]) => groupThousands(formatMoney(sumMoney(amounts.map(money))));
const count = (n: number) => groupThousands(String(n));

/** GET /reports/programs, with the report's own figure beside the ledger's paid count. */
export function programsTable(rows: readonly ProgramsReportRow[], plans: readonly ProgramYearPlan[]): string {
  const reported = (code: string) => plans.find((p) => p.programCode === code);
  return renderBilingualTable(
    [
      PROGRAM,
      left('名称', 'name'),
      right('任务数', 'quota'),
      right('已纳入', 'enrolled'),
      right('实际完成(人)', 'paidPersons'),
      right('报告数', 'report says'),
      right('实际发放金额', 'paidAmount'),
    ],
    rows.map((r) => {
      const plan = reported(r.programCode);
      return [
        r.programCode,
        programDefinition(r.programCode as ProgramYearPlan['programCode']).nameZh,
        count(r.quota),
        count(r.enrolled),
        count(r.paidPersons),
        plan ? count(personsPaid(plan)) : '',
        groupThousands(r.paidAmount),
      ];
    }),
    [
      [
        '合计 total',
        '',
        count(rows.reduce((n, r) => n + r.quota, 0)),
        count(rows.reduce((n, r) => n + r.enrolled, 0)),
        count(rows.reduce((n, r) => n + r.paidPersons, 0)),
        count(plans.reduce((n, p) => n + personsPaid(p), 0)),
        total(rows.map((r) => r.paidAmount)),
      ],
    ],
  );
}

/** GET /reports/funding: allocated (拨付), disbursed net (已支出) and available (结余), per source. */
export function fundingTable(rows: readonly FundingReportRow[]): string {
  const cells = (r: FundingReportRow) => [
    r.allocated.upper,
    r.allocated.county,
    r.disbursed.upper,
    r.disbursed.county,
    r.available.upper,
    r.available.county,
  ];
  return renderBilingualTable(
    [
      PROGRAM,
      right('上级拨付', 'allocated.upper'),
      right('县级配套', 'allocated.county'),
      right('上级已支出', 'disbursed.upper'),
      right('县级已支出', 'disbursed.county'),
      right('上级结余', 'available.upper'),
      right('县级结余', 'available.county'),
    ],
    rows.map((r) => [r.programCode, ...cells(r).map(groupThousands)]),
    [['合计 total', ...[0, 1, 2, 3, 4, 5].map((i) => total(rows.map((r) => cells(r)[i]!)))]],
  );
}

/** The ASSUMED table (assumed-2024.ts): only what the report does not give; "—" where the report does. */
export function assumedTable(plans: readonly ProgramYearPlan[]): string {
  const rows = plans
    .filter((p) => p.assumed.length > 0)
    .map((p) => {
      const has = (k: ProgramYearPlan['assumed'][number]) => p.assumed.includes(k);
      return [
        p.programCode,
        has('quota') ? count(p.quota) : '—',
        has('rates') ? Object.values(p.rates).map(groupThousands).join(' / ') : '—',
        has('fundingPlan') ? groupThousands(p.fundingPlan.upper) : '—',
        has('fundingPlan') ? groupThousands(p.fundingPlan.county) : '—',
        ASSUMED_2024[p.programCode]?.why ?? '',
      ];
    });
  return renderBilingualTable(
    [
      PROGRAM,
      right('任务数', 'quota'),
      right('标准(元/人·年)', 'rate'),
      right('上级计划', 'plan.upper'),
      right('县级计划', 'plan.county'),
      left('说明', 'why assumed'),
    ],
    rows,
  );
}

/** GET /reports/programs?asOf=…: the same report as it stood at the end of a day, replayed from the log. */
export function asOfTable(rows: readonly ProgramsReportRow[]): string {
  return renderBilingualTable(
    [
      PROGRAM,
      right('已纳入', 'enrolled'),
      right('实际完成(人)', 'paidPersons'),
      right('实际发放金额', 'paidAmount'),
    ],
    rows.map((r) => [r.programCode, count(r.enrolled), count(r.paidPersons), groupThousands(r.paidAmount)]),
  );
}
