/**
 * An aligned text table with a two-line header, Chinese over English, for a terminal: text left, numbers
 * right. Widths count terminal cells (a Chinese character takes two).
 */
import { cellWidth } from '@subsidy/ledger/audit/report/text-table';

export interface BilingualColumn {
  zh: string;
  en: string;
  align: 'left' | 'right';
}

export function renderBilingualTable(
  columns: readonly BilingualColumn[],
  rows: ReadonlyArray<ReadonlyArray<string>>,
  footer: ReadonlyArray<ReadonlyArray<string>> = [],
): string {
  const all = [...rows, ...footer];
  const widths = columns.map((c, i) =>
    Math.max(cellWidth(c.zh), cellWidth(c.en), ...all.map((r) => cellWidth(r[i] ?? ''))),
  );
  const line = (cells: ReadonlyArray<string>) =>
    columns
      .map((c, i) => {
        const text = cells[i] ?? '';
        const fill = ' '.repeat(widths[i]! - cellWidth(text));
        return c.align === 'left' ? text + fill : fill + text;
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [
    line(columns.map((c) => c.zh)),
    line(columns.map((c) => c.en)),
    rule,
    ...rows.map(line),
    ...(footer.length > 0 ? [rule, ...footer.map(line)] : []),
  ].join('\n');
}

/** "1660800.00" → "1,660,800.00" (string work only: money never becomes a number). */
export function groupThousands(amount: string): string {
  const [whole, fraction] = amount.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+$)/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
