/**
 * Who may enter which program (DOMAIN.md), judged only from the catalogue's data: age on 1 January of the
 * program-year, and the category and grade in force. A refusal names the rule and the person's value:
 * "care-services needs age 16–59; age on 2024-01-01 is 62".
 */
import type { Category, Grade } from '../registry/certificate';
import type { CalendarDate } from '../shared/calendar-date';
import { ageDayOf, ageOn } from './age';
import type { ProgramDefinition } from './catalogue';
import { ageRuleText, categoryRuleText, gradeRuleText } from './rule-text';

export { ageOn } from './age';

export interface EligibilityCandidate {
  birthDate: CalendarDate;
  category: Category;
  grade: Grade;
}

/** `rule` is the part that failed, in the catalogue's words ("age 16–59"); `detail` adds the person's value. */
export type Eligibility = { eligible: true } | { eligible: false; rule: string; detail: string };

/** Checks age, then category, then grade; answers the first rule the person fails. */
export function checkEligibility(
  program: ProgramDefinition,
  person: EligibilityCandidate,
  year: number,
): Eligibility {
  const rule = program.eligibility;
  const refuse = (ruleText: string, value: string): Eligibility => ({
    eligible: false,
    rule: ruleText,
    detail: `${program.code} needs ${ruleText}; ${value}`,
  });

  if (rule.age) {
    const day = ageDayOf(year);
    const age = ageOn(person.birthDate, day);
    const { min, max } = rule.age;
    if ((min !== undefined && age < min) || (max !== undefined && age > max)) {
      const value = age < 0 ? `born ${person.birthDate}, after ${day}` : `age on ${day} is ${age}`;
      return refuse(ageRuleText(rule.age), value);
    }
  }

  if (rule.categories || rule.categoriesAtGrades) {
    const admitted =
      (rule.categories ?? []).includes(person.category) ||
      (rule.categoriesAtGrades ?? []).some(
        (c) => c.category === person.category && c.grades.includes(person.grade),
      );
    if (!admitted) {
      const value = rule.categoriesAtGrades
        ? `category is ${person.category}, grade ${person.grade}`
        : `category is ${person.category}`;
      return refuse(categoryRuleText(rule), value);
    }
  }

  if (rule.grades && !rule.grades.includes(person.grade)) {
    return refuse(gradeRuleText(rule.grades), `grade is ${person.grade}`);
  }

  return { eligible: true };
}
