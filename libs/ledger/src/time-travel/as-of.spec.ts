import { endOfDayShanghai, recordedBy } from './as-of';

describe('asOf: the end of a day in Asia/Shanghai', () => {
  it('ends 2024-12-31 at 2024-12-31T16:00:00Z (midnight UTC+8)', () => {
    expect(new Date(endOfDayShanghai('2024-12-31')).toISOString()).toBe('2024-12-31T16:00:00.000Z');
  });

  it('counts an event recorded at 23:59:59 Shanghai time, not one at midnight', () => {
    expect(recordedBy('2024-12-31T15:59:59.999Z', '2024-12-31')).toBe(true);
    expect(recordedBy('2024-12-31T16:00:00.000Z', '2024-12-31')).toBe(false);
  });

  it('rolls over month and year ends', () => {
    expect(new Date(endOfDayShanghai('2024-02-29')).toISOString()).toBe('2024-02-29T16:00:00.000Z');
    expect(new Date(endOfDayShanghai('2025-01-31')).toISOString()).toBe('2025-01-31T16:00:00.000Z');
  });
});
