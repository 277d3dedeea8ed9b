import { DemoClock } from './demo-clock';

describe('DemoClock', () => {
  it('reads the Shanghai time it was set to, then ticks a millisecond per reading', () => {
    const clock = new DemoClock();
    clock.set('2024-03-04 09:00');
    expect(clock.now().toISOString()).toBe('2024-03-04T01:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2024-03-04T01:00:00.001Z');
  });

  it('never goes backwards', () => {
    const clock = new DemoClock();
    clock.set('2024-06-17 09:00');
    clock.now();
    expect(() => clock.set('2024-06-01 09:00')).toThrow(/cannot go back/);
    clock.set('2024-06-17 09:00'); // the same instant again is allowed
    expect(clock.now().toISOString()).toBe('2024-06-17T01:00:00.001Z');
  });
});
