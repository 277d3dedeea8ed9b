import { CARE, ProgramYearHarness, YEAR, careYear, person, refusalOf } from './program-year.fixtures';
import { decideOpenProgramYear } from './open-program-year';
import { initialProgramYearState } from './program-year';

describe('OpenProgramYear (PUT /programs/{code}/years/{year})', () => {
  const fresh = () => initialProgramYearState(CARE, YEAR);

  it('opens a program-year the first time, with the proportional policy by default', () => {
    const events = decideOpenProgramYear(careYear(), fresh());

    expect(events).toEqual([
      {
        type: 'ProgramYearOpened',
        data: {
          programCode: CARE,
          year: YEAR,
          quota: 89,
          rates: { residential: '12000.00', day: '4000.00', home: '2000.00' },
          fundingPlan: { upper: '133500.00', county: '74500.00' },
          fundingPolicy: 'proportional',
        },
      },
    ]);
  });

  it('amends with the whole new configuration after, keeping the policy when none is given', () => {
    const h = new ProgramYearHarness().open({ fundingPolicy: 'upper-first' });

    const events = decideOpenProgramYear(careYear({ quota: 120 }), h.state);

    expect(events).toEqual([{ type: 'ProgramYearAmended', data: { ...h.state.config, quota: 120 } }]);
  });

  it('records nothing when the same configuration is put again', () => {
    const h = new ProgramYearHarness().open();
    const sameInOtherOrder = careYear({
      rates: { home: '2000.00', day: '4000.00', residential: '12000.00' },
    });

    expect(decideOpenProgramYear(sameInOtherOrder, h.state)).toEqual([]);
  });

  it.each([
    ['a missing tier', { rates: { residential: '12000.00', day: '4000.00' } }, 'rates.home'],
    [
      'an unknown tier',
      { rates: { residential: '12000.00', day: '4000.00', home: '2000.00', standard: '1.00' } },
      'rates.standard',
    ],
    ['a zero rate', { rates: { residential: '12000.00', day: '0.00', home: '2000.00' } }, 'rates.day'],
    [
      'a rate with three decimals',
      { rates: { residential: '12000.000', day: '4000.00', home: '2000.00' } },
      'rates.residential',
    ],
    ['a negative quota', { quota: -1 }, 'quota'],
    ['a fractional quota', { quota: 1.5 }, 'quota'],
    [
      'a plan as a number',
      { fundingPlan: { upper: 133500 as unknown as string, county: '74500.00' } },
      'fundingPlan.upper',
    ],
    ['a negative plan', { fundingPlan: { upper: '133500.00', county: '-1.00' } }, 'fundingPlan.county'],
    ['an unknown policy', { fundingPolicy: 'random' as never }, 'fundingPolicy'],
  ])('refuses %s (400 naming the field)', (_, overrides, field) => {
    const error = refusalOf(() => decideOpenProgramYear(careYear(overrides), fresh()));

    expect(error.kind).toBe('validation');
    expect(error.errors?.map((e) => e.field)).toEqual([field]);
  });

  it('accepts a plan of zero for a source (no county matching)', () => {
    const [event] = decideOpenProgramYear(
      careYear({ fundingPlan: { upper: '208000.00', county: '0.00' } }),
      fresh(),
    );
    expect(event?.data.fundingPlan).toEqual({ upper: '208000.00', county: '0.00' });
  });

  it('programs without named tiers take a `standard` rate', () => {
    const state = initialProgramYearState('fuel-subsidy', YEAR);
    const command = careYear({ programCode: 'fuel-subsidy', rates: { standard: '600.00' } });

    expect(decideOpenProgramYear(command, state)[0]?.data.rates).toEqual({ standard: '600.00' });
  });

  describe('amending once money depends on the configuration', () => {
    const paidOneHomeCarePerson = () => {
      const h = new ProgramYearHarness().open().allocate('upper', '133500.00').allocate('county', '74500.00');
      h.enroll(person(1), 'home');
      h.draft('b1', 'li', 'payOutstanding');
      h.approve('b1', 'wang');
      return h;
    };

    it('refuses a new rate for a tier with enrolled persons (409): their entitlement is recorded', () => {
      const h = new ProgramYearHarness().open().enroll(person(1), 'home');

      const error = refusalOf(() =>
        decideOpenProgramYear(
          careYear({ rates: { residential: '12000.00', day: '4000.00', home: '2400.00' } }),
          h.state,
        ),
      );

      expect(error.kind).toBe('conflict');
      expect(error.errors?.map((e) => e.field)).toEqual(['rates.home']);
    });

    it('allows a new rate for a tier nobody is enrolled in', () => {
      const h = paidOneHomeCarePerson();

      const [event] = decideOpenProgramYear(
        careYear({ rates: { residential: '13000.00', day: '4000.00', home: '2000.00' } }),
        h.state,
      );

      expect(event?.type).toBe('ProgramYearAmended');
      expect(event?.data.rates.residential).toBe('13000.00');
    });

    it('refuses a new funding plan or policy once anything is disbursed (409)', () => {
      const h = paidOneHomeCarePerson();

      const error = refusalOf(() =>
        decideOpenProgramYear(
          careYear({
            fundingPlan: { upper: '100000.00', county: '108000.00' },
            fundingPolicy: 'county-first',
          }),
          h.state,
        ),
      );

      expect(error.kind).toBe('conflict');
      expect(error.errors?.map((e) => e.field)).toEqual(['fundingPlan', 'fundingPolicy']);
    });

    it('allows a new plan again once every payment was given back (nothing disbursed net)', () => {
      const h = paidOneHomeCarePerson();
      h.bankReturn('b1', [{ lineNo: 1, result: 'failed', reason: '账户已销户 account closed' }]);

      const [event] = decideOpenProgramYear(
        careYear({ fundingPlan: { upper: '100000.00', county: '108000.00' } }),
        h.state,
      );

      expect(event?.type).toBe('ProgramYearAmended');
    });

    it('always allows a new quota', () => {
      const h = paidOneHomeCarePerson();
      expect(decideOpenProgramYear(careYear({ quota: 100 }), h.state)).toEqual([
        { type: 'ProgramYearAmended', data: { ...h.state.config, quota: 100 } },
      ]);
    });
  });
});
