/**
 * Calendar dates as the contract writes them: `YYYY-MM-DD` strings, compared as strings (the format sorts).
 * A day ends at midnight Asia/Shanghai (UTC+8, no daylight saving since 1991), so "today" is taken there.
 */
export type CalendarDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD ("2024-02-29" yes, "2023-02-29" no). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(2000, mo - 1, d)); // any leap year, then the real year's leap rule below
  date.setUTCFullYear(y);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar date in Asia/Shanghai at the instant `now` (the county's "today"). */
export function shanghaiDate(now: Date): CalendarDate {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** `YYYYMMDD` (as inside an ID number) → `YYYY-MM-DD`; no validation. */
export function fromCompactDate(compact: string): CalendarDate {
  return `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
}
