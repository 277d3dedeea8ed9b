import { PROGRAM_CODES } from '@subsidy/domain/catalogue/program-code';
import { programDefinition } from '@subsidy/domain/catalogue/catalogue';
import { entitlementTotal, fundingTotal, personsPaid, planOf, PROGRAM_YEARS_2024 } from './program-years-2024';

describe('the 2024 program-years (report + ASSUMED table)', () => {
  it('opens every program of the catalogue, with a rate for each of its tiers', () => {
    expect(PROGRAM_YEARS_2024.map((p) => p.programCode)).toEqual([...PROGRAM_CODES]);
    for (const plan of PROGRAM_YEARS_2024) {
      expect(Object.keys(plan.rates)).toEqual([...programDefinition(plan.programCode).tiers]);
    }
  });

  it('takes care-services wholly from the report: 2×12,000 + 5×4,000 + 82×2,000 = 133,500 + 74,500', () => {
    const care = planOf('care-services');
    expect(care.assumed).toEqual([]);
    expect(care.quota).toBe(89);
    expect(entitlementTotal(care)).toBe('208000.00');
    expect(care.fundingPlan).toEqual({ upper: '133500.00', county: '74500.00' });
  });

  it('carries the report’s quotas and actuals', () => {
    const figures = Object.fromEntries(PROGRAM_YEARS_2024.map((p) => [p.programCode, [p.quota, personsPaid(p)]]));
    expect(figures).toMatchObject({
      'psychiatric-medication': [1_203, 1_384],
      'care-services': [89, 89],
      'student-aid-higher': [18, 31],
      'student-aid-vocational': [15, 44],
      'child-rehabilitation': [138, 319],
    });
    expect(personsPaid(planOf('fuel-subsidy'))).toBe(143);
    expect(personsPaid(planOf('vocational-training'))).toBe(668);
    expect(planOf('vocational-training').rates).toEqual({ standard: '200.00' });
    expect(personsPaid(planOf('assistive-devices'))).toBe(24 + 21);
    expect(personsPaid(planOf('accessibility-renovation'))).toBe(124);
  });

  it('funds every program-year with exactly what paying everyone in full costs, so 0.00 is left', () => {
    for (const plan of PROGRAM_YEARS_2024) expect([plan.programCode, fundingTotal(plan)]).toEqual([plan.programCode, entitlementTotal(plan)]);
  });
});
