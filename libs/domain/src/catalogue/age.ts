/**
 * Age in full years (周岁) on a date: the birthday itself counts, so a person born on 1 January is a year older
 * on every 1 January. Someone born on 29 February turns a year older on 1 March in common years.
 * Negative when the date is before the birth (not born yet).
 */
import type { CalendarDate } from '../shared/calendar-date';

export function ageOn(birthDate: CalendarDate, date: CalendarDate): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  const birthdayReached = date.slice(5) >= birthDate.slice(5); // MM-DD compared as text
  return birthdayReached ? years : years - 1;
}

/** The day the catalogue counts age on: 1 January of the program-year. */
export function ageDayOf(year: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-01-01`;
}
