import { fromCompactDate, isCalendarDate, shanghaiDate } from './calendar-date';

describe('calendar dates', () => {
  it.each(['2024-02-29', '2000-02-29', '1900-01-01', '2023-12-31'])('accepts the real date %s', (date) => {
    expect(isCalendarDate(date)).toBe(true);
  });

  it.each([
    '2023-02-29',
    '1900-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-04-31',
    '2024-4-1',
    '20240401',
    20240401,
  ])('refuses %p', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });

  it('takes "today" in Asia/Shanghai: 16:00 UTC is already the next day there', () => {
    expect(shanghaiDate(new Date('2024-12-31T15:59:59Z'))).toBe('2024-12-31');
    expect(shanghaiDate(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
  });

  it('writes a compact ID-number date with dashes', () => {
    expect(fromCompactDate('19900307')).toBe('1990-03-07');
  });
});
