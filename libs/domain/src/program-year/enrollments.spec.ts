import { money } from '../shared/money';
import { Enrollments, type Enrollment } from './enrollments';

const enrollment = (n: number, overrides: Partial<Enrollment> = {}): Enrollment => {
  const personId = `34152219800101${String(n).padStart(4, '0')}`;
  return {
    enrollmentId: `0192f3a4-5b6c-7d8e-9f01-${String(n).padStart(12, '0')}`,
    personId,
    certificateNumber: `${personId}62`,
    tier: 'home',
    entitled: money('2000.00'),
    ...overrides,
  };
};

describe('Enrollments (a program-year’s enrollments, packed)', () => {
  it('gives back every enrollment as it was set, in enrollment order', () => {
    const given = [
      enrollment(3),
      enrollment(1, { tier: 'residential', entitled: money('12000.00') }),
      enrollment(2, { enrollmentId: 'enr-2 (not a uuid)' }),
      enrollment(6, { enrollmentId: '0192F3A4-5B6C-7D8E-9F01-000000000006' }), // upper case: kept as it is
      enrollment(7, { enrollmentId: '0192f3a4-5b6c-7d8e-9f01-00000000000g' }), // uuid-shaped, not hex
      enrollment(8, { enrollmentId: '0192f3a4x5b6c-7d8e-9f01-00000000008' }), // 36 characters, no dash
      enrollment(4, { certificateNumber: '34152219800101000941' }), // another person's number
      enrollment(5, { certificateNumber: '3415221980010100051' }), // a shorter suffix
    ];
    const enrollments = new Enrollments();
    for (const e of given) enrollments.set(e.personId, e);

    expect([...enrollments.values()]).toEqual(given);
    expect([...enrollments.keys()]).toEqual(given.map((e) => e.personId));
    expect(enrollments.size).toBe(8);
    expect(enrollments.get(given[1]!.personId)).toEqual(given[1]);
    expect(enrollments.entitledOf(given[1]!.personId)?.toFixed(2)).toBe('12000.00');
    expect(enrollments.has('341522198001019999')).toBe(false);
    expect(enrollments.get('341522198001019999')).toBeUndefined();
  });

  it('grows past its first capacity and keeps every enrollment', () => {
    const enrollments = new Enrollments();
    const given = Array.from({ length: 1_000 }, (_, i) =>
      enrollment(i + 1, { tier: i % 2 ? 'home' : 'day' }),
    );
    for (const e of given) enrollments.set(e.personId, e);
    expect([...enrollments.values()]).toEqual(given);
  });

  it('a clone changes without changing the original', () => {
    const original = new Enrollments().set(enrollment(1).personId, enrollment(1));
    const clone = original.clone().set(enrollment(2).personId, enrollment(2));
    clone.set(enrollment(1).personId, enrollment(1, { tier: 'day' }));

    expect([...original.values()]).toEqual([enrollment(1)]);
    expect([...clone.values()]).toEqual([enrollment(1, { tier: 'day' }), enrollment(2)]);
  });
});
