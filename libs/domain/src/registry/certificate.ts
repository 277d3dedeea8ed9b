/**
 * 残疾人证号 — the second-generation disability certificate number: 20 characters = the holder's 18-character
 * ID number (居民身份证号, see id-number.ts) + category digit (残疾类别) + grade digit (残疾等级).
 * A re-assessment (换证/等级变更) changes the last two digits, so one person may hold several numbers over time.
 *
 * A lower-case check character `x` is accepted and normalised to `X` (what the finance office and the bank
 * expect); every number this module answers is upper-case.
 */
import { idNumberParts, idNumberViolations, normaliseIdNumber, type IdNumberRule } from './id-number';
import type { CalendarDate } from '../shared/calendar-date';
import type { ParseResult, RuleViolation } from '../shared/parse-result';

/** Category digit of the second-generation certificate number (残疾类别). */
export type Category = 'visual' | 'hearing' | 'speech' | 'physical' | 'intellectual' | 'mental' | 'multiple';
/** 1 most severe … 4 (残疾等级). */
export type Grade = 1 | 2 | 3 | 4;
export type Sex = 'male' | 'female';

/** In digit order: visual is 1 … multiple is 7. */
export const CATEGORIES: readonly Category[] = [
  'visual', // 1 视力
  'hearing', // 2 听力
  'speech', // 3 言语
  'physical', // 4 肢体
  'intellectual', // 5 智力
  'mental', // 6 精神
  'multiple', // 7 多重
];

export const GRADES: readonly Grade[] = [1, 2, 3, 4];

export const CATEGORY_NAMES_ZH: Readonly<Record<Category, string>> = {
  visual: '视力',
  hearing: '听力',
  speech: '言语',
  physical: '肢体',
  intellectual: '智力',
  mental: '精神',
  multiple: '多重',
};

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

export function isGrade(value: unknown): value is Grade {
  return typeof value === 'number' && (GRADES as readonly number[]).includes(value);
}

export function categoryDigit(category: Category): string {
  return String(CATEGORIES.indexOf(category) + 1);
}

export interface ParsedCertificateNumber {
  certificateNumber: string; // normalised, check character upper-case
  idNumber: string;
  birthDate: CalendarDate;
  sex: Sex;
  category: Category;
  grade: Grade;
}

export type CertificateRule = IdNumberRule | 'category' | 'grade';

/** Checks every rule of the ID part and the two trailing digits; answers the parts or every rule broken. */
export function parseCertificateNumber(
  input: string,
  today: CalendarDate,
): ParseResult<ParsedCertificateNumber, CertificateRule> {
  const certificateNumber = normaliseIdNumber(input);
  if (certificateNumber.length !== 20) {
    const message = `must be 20 characters (18-character ID number, category digit, grade digit), is ${certificateNumber.length}`;
    return { ok: false, errors: [{ rule: 'length', message }] };
  }
  const idNumber = certificateNumber.slice(0, 18);
  const errors: Array<RuleViolation<CertificateRule>> = idNumberViolations(idNumber, today);
  const category = CATEGORIES[Number(certificateNumber[18]) - 1]; // a non-digit gives NaN, hence undefined
  if (category === undefined) {
    errors.push({
      rule: 'category',
      message: `category digit (character 19) must be 1–7 (1 visual … 7 multiple), is "${certificateNumber[18]}"`,
    });
  }
  const grade = Number(certificateNumber[19]);
  if (!isGrade(grade)) {
    errors.push({
      rule: 'grade',
      message: `grade digit (character 20) must be 1–4, is "${certificateNumber[19]}"`,
    });
  }
  if (errors.length > 0 || category === undefined || !isGrade(grade)) return { ok: false, errors };
  const { birthDate, sex } = idNumberParts(idNumber);
  return { ok: true, value: { certificateNumber, idNumber, birthDate, sex, category, grade } };
}

/** The certificate number for this ID number, category and grade. Throws if the ID number is malformed. */
export function makeCertificateNumber(idNumber: string, category: Category, grade: Grade): string {
  const id = normaliseIdNumber(idNumber);
  // Any birth date up to 9999 is allowed here: "not in the future" is the registration's rule, not this one's.
  if (id.length !== 18 || idNumberViolations(id, '9999-12-31').length > 0) {
    throw new RangeError(`not a well-formed 18-character ID number: "${idNumber}"`);
  }
  if (!isCategory(category)) throw new RangeError(`not a category: "${String(category)}"`);
  if (!isGrade(grade)) throw new RangeError(`not a grade 1–4: ${String(grade)}`);
  return `${id}${categoryDigit(category)}${grade}`;
}

/** The holder's ID number (upper-case X): the first 18 characters, which key the person's stream. */
export function idNumberOf(certificateNumber: string): string {
  return normaliseIdNumber(certificateNumber).slice(0, 18);
}

/** Upper-cases a check character `x`; use before comparing certificate numbers. */
export function normaliseCertificateNumber(certificateNumber: string): string {
  return normaliseIdNumber(certificateNumber);
}
