import { programDefinition } from '@subsidy/domain/catalogue/catalogue';
import type { ProgramCode } from '@subsidy/domain/catalogue/program-code';
import type { MoneyString } from '@subsidy/domain/shared/money';
import type { ReportLang, ReportName, ReportRows, SourceSplit } from './report-types';

/** text; year (a label, never summed); count (persons, summed); money (two-decimal string, summed exactly). */
export type ColumnKind = 'text' | 'year' | 'count' | 'money';

/**
 * A flat column of a report: `key` is the JSON path (`allocated.upper`), the English header; `zh` the Chinese
 * header as the county's own report words it. `value` gets the language so a program shows its Chinese name
 * in a Chinese report.
 */
export interface Column<Row> {
  key: string;
  zh: string;
  kind: ColumnKind;
  value: (row: Row, lang: ReportLang) => string | number;
}

const programName = (code: string, lang: ReportLang): string =>
  lang === 'zh' ? programDefinition(code as ProgramCode).nameZh : code;

function splitColumns<Row>(
  key: string,
  zh: [string, string, string],
  of: (row: Row) => SourceSplit,
): Array<Column<Row>> {
  return (['upper', 'county', 'total'] as const).map((part, i) => ({
    key: `${key}.${part}`,
    zh: zh[i],
    kind: 'money' as const,
    value: (row: Row): MoneyString => of(row)[part],
  }));
}

type Columns = { [R in ReportName]: Array<Column<ReportRows[R][number]>> };

export const COLUMNS: Columns = {
  funding: [
    { key: 'programCode', zh: '项目', kind: 'text', value: (r, lang) => programName(r.programCode, lang) },
    { key: 'year', zh: '年度', kind: 'year', value: (r) => r.year },
    ...splitColumns<ReportRows['funding'][number]>(
      'allocated',
      ['上级拨付', '县级配套', '拨付合计'],
      (r) => r.allocated,
    ),
    ...splitColumns<ReportRows['funding'][number]>(
      'disbursed',
      ['上级已支出', '县级已支出', '已支出合计'],
      (r) => r.disbursed,
    ),
    ...splitColumns<ReportRows['funding'][number]>(
      'available',
      ['上级结余', '县级结余', '结余合计'],
      (r) => r.available,
    ),
  ],
  programs: [
    { key: 'programCode', zh: '项目', kind: 'text', value: (r, lang) => programName(r.programCode, lang) },
    { key: 'year', zh: '年度', kind: 'year', value: (r) => r.year },
    { key: 'quota', zh: '任务数', kind: 'count', value: (r) => r.quota },
    { key: 'enrolled', zh: '已纳入', kind: 'count', value: (r) => r.enrolled },
    { key: 'paidPersons', zh: '实际完成(人)', kind: 'count', value: (r) => r.paidPersons },
    { key: 'paidAmount', zh: '实际发放金额', kind: 'money', value: (r) => r.paidAmount },
  ],
  townships: [
    { key: 'township', zh: '乡镇', kind: 'text', value: (r) => r.township },
    { key: 'year', zh: '年度', kind: 'year', value: (r) => r.year },
    { key: 'persons', zh: '持证人数', kind: 'count', value: (r) => r.persons },
    { key: 'enrolled', zh: '已纳入', kind: 'count', value: (r) => r.enrolled },
    { key: 'paidPersons', zh: '实际完成(人)', kind: 'count', value: (r) => r.paidPersons },
    { key: 'paidAmount', zh: '实际发放金额', kind: 'money', value: (r) => r.paidAmount },
  ],
};

export const header = (column: { key: string; zh: string }, lang: ReportLang): string =>
  lang === 'zh' ? column.zh : column.key;

/** Sheet titles. */
export const TITLES: { [R in ReportName]: Record<ReportLang, string> } = {
  funding: { en: 'Funding', zh: '资金拨付与支出' },
  programs: { en: 'Programs', zh: '项目完成情况' },
  townships: { en: 'Townships', zh: '乡镇统计' },
};

export const TOTAL_LABEL: Record<ReportLang, string> = { en: 'Total', zh: '合计' };

/** The columns of a report, for renderers that take its rows as they come (the rows of `buildReport`). */
export function columnsFor(report: ReportName): ReadonlyArray<Column<unknown>> {
  return COLUMNS[report] as unknown as ReadonlyArray<Column<unknown>>;
}
