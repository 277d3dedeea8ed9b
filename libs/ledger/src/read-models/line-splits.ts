/**
 * How an approved batch's per-line splits are stored (`payment_split`): not one row per line — a rebuild wrote
 * and rewrote 1.3 M of those — but one row per group of `SPLIT_GROUP` consecutive line numbers, whose upper
 * parts (integer fen, 0 ≤ upper ≤ amount) are written as decimal digits, each zero-padded to the group's
 * `width`. Line n's upper part is the `width` characters at ((n − 1) mod SPLIT_GROUP) × width in group
 * ⌊(n − 1) / SPLIT_GROUP⌋, so SQL reads one line's split with `substr` (UPPER_FEN_SQL), and a group row stays
 * small enough (≤ ~1,000 bytes) to sit in its B-tree page rather than in overflow pages that every lookup
 * would read whole. The county part is always amount − upper.
 */
export const SPLIT_GROUP = 64;

/** The group of a line number (1-based). */
export function splitGroupOf(lineNo: number): number {
  return Math.floor((lineNo - 1) / SPLIT_GROUP);
}

/** One group's upper parts by slot (lineNo − 1) mod SPLIT_GROUP; empty slots (no such line) read as 0. */
export function encodeSplitGroup(uppers: readonly (number | undefined)[]): { width: number; uppers: string } {
  let width = 1;
  for (const u of uppers) if (u !== undefined && String(u).length > width) width = String(u).length;
  let text = '';
  for (let slot = 0; slot < uppers.length; slot++) text += String(uppers[slot] ?? 0).padStart(width, '0');
  return { width, uppers: text };
}

/** The upper part (fen) of the line at `slot` of an encoded group. */
export function decodeSplitAt(uppers: string, width: number, slot: number): number {
  return Number(uppers.slice(slot * width, slot * width + width));
}

/** SQL for the upper part (fen) of the payment line aliased `l`, read from its group row aliased `s`. */
export const SPLIT_UPPER_SQL = `CAST(substr(s.uppers, ((l.line_no - 1) % ${SPLIT_GROUP}) * s.width + 1, s.width) AS INTEGER)`;

/**
 * SQL: the payment line aliased `l` is one of the group row aliased `s`'s lines. With `s` the outer loop
 * (`payment_split s CROSS JOIN payment_line l`), each group row finds its lines with one range seek of
 * `payment_line` and they are read in order: one lookup per 64 lines instead of one per line (a bulk
 * catch-up's sums read 1.3 M lines' splits; per-line lookups were ~0.5 s of it).
 */
export const LINES_OF_SPLIT_GROUP_SQL = `l.batch_seq = s.batch_seq
  AND l.line_no BETWEEN s.grp * ${SPLIT_GROUP} + 1 AND s.grp * ${SPLIT_GROUP} + ${SPLIT_GROUP}`;

/**
 * SQL for the upper part (fen) of the payment line aliased `l` (columns batch_seq, line_no): NULL while its
 * batch is not approved.
 */
export const UPPER_FEN_SQL = `(SELECT ${SPLIT_UPPER_SQL}
  FROM payment_split s WHERE s.batch_seq = l.batch_seq AND s.grp = (l.line_no - 1) / ${SPLIT_GROUP})`;
