/**
 * The catalogue's rules in words, rendered from its data so the words cannot drift from what is checked:
 * "age 16–59", "age under 18", "category intellectual or mental, or physical of grade 1–2", "grade 1–2".
 */
import type { Grade } from '../registry/certificate';
import type { EligibilityRule } from './catalogue';

export function ageRuleText(age: NonNullable<EligibilityRule['age']>): string {
  const { min, max } = age;
  if (min !== undefined && max !== undefined) return `age ${min}–${max}`;
  if (max !== undefined) return `age under ${max + 1}`;
  if (min !== undefined) return `age ${min} or over`;
  return 'any age';
}

/** Admitted categories, then the categories admitted only at some grades. */
export function categoryRuleText(rule: Pick<EligibilityRule, 'categories' | 'categoriesAtGrades'>): string {
  const parts: string[] = [];
  if (rule.categories && rule.categories.length > 0) parts.push(rule.categories.join(' or '));
  for (const { category, grades } of rule.categoriesAtGrades ?? [])
    parts.push(`${category} of grade ${gradesText(grades)}`);
  return `category ${parts.join(', or ')}`;
}

export function gradeRuleText(grades: readonly Grade[]): string {
  return `grade ${gradesText(grades)}`;
}

/** [1, 2] → "1–2"; [3] → "3"; [1, 3] → "1 or 3". */
export function gradesText(grades: readonly Grade[]): string {
  const sorted = [...grades].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return 'none';
  if (first === last) return String(first);
  const contiguous = last - first + 1 === sorted.length;
  return contiguous ? `${first}–${last}` : sorted.join(' or ');
}

/** The whole rule, as the catalogue's `text` states it ("any certified person" when nothing restricts). */
export function eligibilityRuleText(rule: EligibilityRule): string {
  const parts: string[] = [];
  if (rule.age) parts.push(ageRuleText(rule.age));
  if (rule.categories || rule.categoriesAtGrades) parts.push(categoryRuleText(rule));
  if (rule.grades) parts.push(gradeRuleText(rule.grades));
  return parts.length > 0 ? parts.join(', and ') : 'any certified person';
}
