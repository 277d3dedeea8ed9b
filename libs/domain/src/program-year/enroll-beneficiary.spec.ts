import { CARE, ProgramYearHarness, YEAR, eligible, person, refusalOf } from './program-year.fixtures';
import { decideEnrollBeneficiary, type EnrollBeneficiary } from './enroll-beneficiary';
import { evolve, initialProgramYearState, outstandingOf } from './program-year';

const enroll = (overrides: Partial<EnrollBeneficiary['data']> = {}): EnrollBeneficiary => ({
  type: 'EnrollBeneficiary',
  data: {
    enrollmentId: 'e-1',
    programCode: CARE,
    year: YEAR,
    person: { personId: person(1).personId, certificateNumber: person(1).certificateNumber },
    tier: 'day',
    eligibility: eligible,
    ...overrides,
  },
});

describe('EnrollBeneficiary', () => {
  it('enrolls a person at their tier’s annual rate, which is then what they are owed', () => {
    const { state } = new ProgramYearHarness().open();

    const events = decideEnrollBeneficiary(enroll(), state);
    const after = events.reduce(evolve, state);

    expect(events).toEqual([
      {
        type: 'BeneficiaryEnrolled',
        data: {
          enrollmentId: 'e-1',
          programCode: CARE,
          year: YEAR,
          personId: person(1).personId,
          certificateNumber: person(1).certificateNumber,
          tier: 'day',
          entitled: '4000.00',
        },
      },
    ]);
    expect(outstandingOf(after, person(1).personId).toFixed(2)).toBe('4000.00');
  });

  it('uses the `standard` tier when none is given for a program without named tiers', () => {
    const h = new ProgramYearHarness('fuel-subsidy', YEAR).open({ rates: { standard: '600.00' } });

    const [event] = decideEnrollBeneficiary(
      enroll({ programCode: 'fuel-subsidy', tier: undefined }),
      h.state,
    );

    expect(event?.data).toMatchObject({ tier: 'standard', entitled: '600.00' });
  });

  it('refuses a tier the program does not have, or a missing one where tiers are named (400)', () => {
    const { state } = new ProgramYearHarness().open();
    for (const tier of ['weekly', undefined]) {
      const error = refusalOf(() => decideEnrollBeneficiary(enroll({ tier }), state));
      expect(error.kind).toBe('validation');
      expect(error.errors?.[0]?.field).toBe('tier');
    }
  });

  it('refuses a program-year that is not opened (404)', () => {
    const error = refusalOf(() => decideEnrollBeneficiary(enroll(), initialProgramYearState(CARE, YEAR)));
    expect(error.kind).toBe('not-found');
  });

  it('refuses a person enrolled already (409), whatever the tier', () => {
    const h = new ProgramYearHarness().open().enroll(person(1), 'home');
    const error = refusalOf(() =>
      decideEnrollBeneficiary(enroll({ enrollmentId: 'e-2', tier: 'residential' }), h.state),
    );
    expect(error.kind).toBe('conflict');
  });

  it('refuses an ineligible person (422), naming the rule and the person’s value', () => {
    const { state } = new ProgramYearHarness().open();
    const verdict = {
      eligible: false as const,
      rule: 'age 16–59',
      detail: 'care-services needs age 16–59; age on 2024-01-01 is 62',
    };

    const error = refusalOf(() => decideEnrollBeneficiary(enroll({ eligibility: verdict }), state));

    expect(error.kind).toBe('rule');
    expect(error.message).toContain('age on 2024-01-01 is 62');
    expect(error.errors).toEqual([{ field: 'certificateNumber', message: `age 16–59: ${verdict.detail}` }]);
  });
});
