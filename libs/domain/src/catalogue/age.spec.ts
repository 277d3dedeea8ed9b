import fc from 'fast-check';
import { ageDayOf, ageOn } from './age';

describe('age in full years (周岁)', () => {
  it('counts the birthday itself: born on 1 January is a year older on every 1 January', () => {
    expect(ageOn('2008-01-01', '2024-01-01')).toBe(16);
    expect(ageOn('2008-01-02', '2024-01-01')).toBe(15);
    expect(ageOn('1964-12-31', '2024-01-01')).toBe(59);
  });

  it('a 29 February birthday is reached on 1 March in a common year', () => {
    expect(ageOn('2000-02-29', '2023-02-28')).toBe(22);
    expect(ageOn('2000-02-29', '2023-03-01')).toBe(23);
    expect(ageOn('2000-02-29', '2024-02-29')).toBe(24);
  });

  it('is negative before the birth', () => {
    expect(ageOn('2024-06-01', '2024-01-01')).toBe(-1);
  });

  it('the program-year counts age on its 1 January', () => {
    expect(ageDayOf(2024)).toBe('2024-01-01');
  });

  it('property: n years after a birth (not on 29 February) the age is n, and n − 1 the day before', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 2, max: 28 }),
        fc.integer({ min: 1, max: 120 }),
        (y, m, d, n) => {
          const md = `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const dayBefore = `${String(m).padStart(2, '0')}-${String(d - 1).padStart(2, '0')}`;
          expect(ageOn(`${y}-${md}`, `${y + n}-${md}`)).toBe(n);
          expect(ageOn(`${y}-${md}`, `${y + n}-${dayBefore}`)).toBe(n - 1);
        },
      ),
    );
  });
});
