import { CATALOGUE } from './catalogue';
import { eligibilityRuleText, gradesText } from './rule-text';

describe('the catalogue’s rules in words', () => {
  it.each(CATALOGUE.map((p) => [p.code, p] as const))(
    '%s: its text says exactly what its data checks',
    (_code, p) => {
      expect(eligibilityRuleText(p.eligibility)).toBe(p.eligibility.text);
    },
  );

  it('writes grade ranges the way the report does', () => {
    expect(gradesText([2, 1])).toBe('1–2');
    expect(gradesText([3])).toBe('3');
    expect(gradesText([1, 3])).toBe('1 or 3');
  });
});
