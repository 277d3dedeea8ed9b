/**
 * `asOf=YYYY-MM-DD` means "as recorded by the end of that day in Asia/Shanghai" (UTC+8, no daylight saving):
 * every event whose recordedAt is before the next day's midnight there.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The first instant after the day ends, as epoch milliseconds. */
export function endOfDayShanghai(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date YYYY-MM-DD: ${date}`);
  const nextMidnightUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1);
  return nextMidnightUtc - SHANGHAI_OFFSET_MS;
}

/** True if an event recorded at `recordedAt` (ISO) counts for `asOf`. */
export function recordedBy(recordedAt: string, asOf: string): boolean {
  return Date.parse(recordedAt) < endOfDayShanghai(asOf);
}
