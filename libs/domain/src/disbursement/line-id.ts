/**
 * A payment line's id is `${batchId}-${lineNo}` (events/payment-batch-events.ts). Batch ids may themselves
 * contain '-', so the line number is what follows the last '-'.
 */
export function lineIdOf(batchId: string, lineNo: number): string {
  return `${batchId}-${lineNo}`;
}

/** `undefined` when the text is not `<batchId>-<lineNo>` with a positive integer line number. */
export function parseLineId(lineId: string): { batchId: string; lineNo: number } | undefined {
  const match = /^(.+)-([1-9]\d{0,8})$/.exec(lineId);
  if (!match) return undefined;
  return { batchId: match[1]!, lineNo: Number(match[2]) };
}
