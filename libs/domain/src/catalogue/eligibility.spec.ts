import type { Category, Grade } from '../registry/certificate';
import { programDefinition } from './catalogue';
import { checkEligibility } from './eligibility';
import type { ProgramCode } from './program-code';

const person = (birthDate: string, category: Category, grade: Grade) => ({ birthDate, category, grade });
const check = (code: ProgramCode, who: ReturnType<typeof person>, year = 2024) =>
  checkEligibility(programDefinition(code), who, year);

describe('eligibility (who may enter which program)', () => {
  describe('care-services (阳光家园计划托养服务): age 16–59, and intellectual or mental, or physical of grade 1–2', () => {
    it.each([
      ['intellectual grade 3, aged 30', person('1994-05-01', 'intellectual', 3)],
      ['mental grade 4', person('1980-01-01', 'mental', 4)],
      ['physical grade 2', person('1970-07-07', 'physical', 2)],
      ['aged 16 exactly on 1 January', person('2008-01-01', 'intellectual', 1)],
      ['aged 59 on 1 January, 60 later that year', person('1964-06-30', 'mental', 1)],
    ])('admits %s', (_label, who) => {
      expect(check('care-services', who)).toEqual({ eligible: true });
    });

    it('refuses by age, naming the age on 1 January of the program-year', () => {
      expect(check('care-services', person('1961-03-15', 'intellectual', 1))).toEqual({
        eligible: false,
        rule: 'age 16–59',
        detail: 'care-services needs age 16–59; age on 2024-01-01 is 62',
      });
      expect(check('care-services', person('2008-01-02', 'intellectual', 1))).toMatchObject({
        detail: 'care-services needs age 16–59; age on 2024-01-01 is 15',
      });
    });

    it('refuses physical of grade 3, naming category and grade', () => {
      expect(check('care-services', person('1980-01-01', 'physical', 3))).toEqual({
        eligible: false,
        rule: 'category intellectual or mental, or physical of grade 1–2',
        detail:
          'care-services needs category intellectual or mental, or physical of grade 1–2; category is physical, grade 3',
      });
    });

    it('refuses another category whatever its grade', () => {
      expect(check('care-services', person('1980-01-01', 'visual', 1))).toMatchObject({
        detail:
          'care-services needs category intellectual or mental, or physical of grade 1–2; category is visual, grade 1',
      });
    });

    it('judges age first when both fail', () => {
      expect(check('care-services', person('1950-01-01', 'hearing', 4))).toMatchObject({ rule: 'age 16–59' });
    });
  });

  it('psychiatric-medication (精神病人药费补助) needs category mental', () => {
    expect(check('psychiatric-medication', person('1950-01-01', 'mental', 4))).toEqual({ eligible: true });
    expect(check('psychiatric-medication', person('1980-01-01', 'physical', 1))).toEqual({
      eligible: false,
      rule: 'category mental',
      detail: 'psychiatric-medication needs category mental; category is physical',
    });
  });

  it('fuel-subsidy (燃油补贴) needs category physical', () => {
    expect(check('fuel-subsidy', person('1980-01-01', 'physical', 4))).toEqual({ eligible: true });
    expect(check('fuel-subsidy', person('1980-01-01', 'visual', 1))).toMatchObject({
      detail: 'fuel-subsidy needs category physical; category is visual',
    });
  });

  it('child-rehabilitation (残疾儿童康复训练) needs age under 18 on 1 January', () => {
    expect(check('child-rehabilitation', person('2006-01-02', 'speech', 2))).toEqual({ eligible: true });
    expect(check('child-rehabilitation', person('2006-01-01', 'speech', 2))).toEqual({
      eligible: false,
      rule: 'age under 18',
      detail: 'child-rehabilitation needs age under 18; age on 2024-01-01 is 18',
    });
  });

  it('a child born during the program-year counts as not yet born on its 1 January', () => {
    expect(check('child-rehabilitation', person('2024-03-01', 'hearing', 1))).toEqual({ eligible: true });
    expect(check('vocational-training', person('2024-03-01', 'hearing', 1))).toMatchObject({
      detail: 'vocational-training needs age 16–59; born 2024-03-01, after 2024-01-01',
    });
  });

  it('vocational-training (职业技能培训) needs age 16–59', () => {
    expect(check('vocational-training', person('1964-01-01', 'physical', 4))).toMatchObject({
      detail: 'vocational-training needs age 16–59; age on 2024-01-01 is 60',
    });
    expect(check('vocational-training', person('1964-01-01', 'physical', 4), 2023)).toEqual({
      eligible: true,
    });
  });

  it('accessibility-renovation (无障碍改造) needs grade 1–2', () => {
    expect(check('accessibility-renovation', person('1940-01-01', 'multiple', 2))).toEqual({
      eligible: true,
    });
    expect(check('accessibility-renovation', person('1940-01-01', 'multiple', 3))).toEqual({
      eligible: false,
      rule: 'grade 1–2',
      detail: 'accessibility-renovation needs grade 1–2; grade is 3',
    });
  });

  it.each<ProgramCode>(['student-aid-higher', 'student-aid-vocational', 'assistive-devices'])(
    '%s admits any certified person',
    (code) => {
      expect(check(code, person('1900-01-01', 'speech', 4))).toEqual({ eligible: true });
      expect(check(code, person('2024-12-31', 'visual', 1))).toEqual({ eligible: true });
    },
  );
});
