/**
 * A report as an aligned plain-text table for a terminal: text columns left, numbers right, one space-padded
 * gap between columns. Chinese characters take two terminal cells, so widths count cells, not characters.
 */
export interface TextColumn {
  header: string;
  align: 'left' | 'right';
}

export function renderTextTable(
  columns: readonly TextColumn[],
  rows: ReadonlyArray<ReadonlyArray<string>>,
): string {
  const widths = columns.map((c, i) =>
    Math.max(cellWidth(c.header), ...rows.map((r) => cellWidth(r[i] ?? ''))),
  );
  const line = (cells: ReadonlyArray<string>) =>
    columns
      .map((c, i) => pad(cells[i] ?? '', widths[i]!, c.align))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join('\n') + '\n';
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(width - cellWidth(text));
  return align === 'left' ? text + fill : fill + text;
}

/** Terminal cells a string takes: East Asian wide and full-width characters take two. */
export function cellWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) || // Hangul Jamo
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) || // CJK radicals … Yi (CJK ideographs, kana, punctuation)
    (cp >= 0xac00 && cp <= 0xd7a3) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff00 && cp <= 0xff60) || // full-width forms
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd) // CJK extensions B…
  );
}
