import type { CalendarDate } from '@subsidy/domain/shared/calendar-date';
import type { Prng } from './prng';

/**
 * Age bands on 1 January of the demo year, weighted (ASSUMED, shaped like a disabled population: mostly
 * middle-aged and old, some children). Every band's weight is for the whole register; see people.ts.
 */
export const AGE_BANDS: ReadonlyArray<readonly [band: readonly [min: number, max: number], weight: number]> =
  [
    [[0, 6], 3],
    [[7, 14], 3],
    [[15, 17], 1.5],
    [[18, 24], 3.5],
    [[25, 44], 15],
    [[45, 59], 26],
    [[60, 74], 30],
    [[75, 90], 18],
  ];

/** A birth date giving exactly `age` on `${year}-01-01`: a day from 2 January to 31 December of year − 1 − age. */
export function birthDateForAge(prng: Prng, year: number, age: number): CalendarDate {
  const born = year - 1 - age;
  const jan2 = Date.UTC(born, 0, 2);
  const days = Math.round((Date.UTC(born, 11, 31) - jan2) / 86_400_000);
  return new Date(jan2 + prng.int(0, days) * 86_400_000).toISOString().slice(0, 10);
}
