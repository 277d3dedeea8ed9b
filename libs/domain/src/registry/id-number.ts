/**
 * 居民身份证号 — the resident ID number of GB 11643: 18 characters =
 * 6-digit area code (行政区划代码) + birth date YYYYMMDD + 3-digit sequence (顺序码: odd male, even female)
 * + check character (校验码, ISO 7064 MOD 11-2: digit or X).
 *
 * Input is normalised before checking: a lower-case check character `x` becomes `X`, which is what the
 * finance office and the bank expect to see. Nothing else is changed (no trimming, no full-width digits).
 */
import type { Sex } from './certificate';
import { fromCompactDate, isCalendarDate, type CalendarDate } from '../shared/calendar-date';
import type { ParseResult, RuleViolation } from '../shared/parse-result';

export interface ParsedIdNumber {
  idNumber: string; // normalised, check character upper-case
  areaCode: string;
  birthDate: CalendarDate;
  sex: Sex;
}

export type IdNumberRule = 'length' | 'characters' | 'area' | 'birth-date' | 'check';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';
const EARLIEST_BIRTH_DATE = '1900-01-01';

/**
 * Province-level codes of GB/T 2260 (the first two digits of the area code), with 81/82/83 of the residence
 * permits for Hong Kong, Macao and Taiwan residents. County codes are not checked: they change over the
 * years and people keep the number they were given.
 */
const PROVINCE_CODES: ReadonlySet<string> = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83'.split(
    ' ',
  ),
);

/** The check character for the first 17 digits: Σ digit × weight mod 11 = r, check = "10X98765432"[r]. */
export function idCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17))
    throw new RangeError(`need 17 digits to compute a check character, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/** Checks every rule and answers the parts, or every rule broken (birth date "today" in Asia/Shanghai). */
export function parseIdNumber(input: string, today: CalendarDate): ParseResult<ParsedIdNumber, IdNumberRule> {
  const idNumber = normaliseIdNumber(input);
  if (idNumber.length !== 18) {
    return refuse({ rule: 'length', message: `must be 18 characters, is ${idNumber.length}` });
  }
  const errors = idNumberViolations(idNumber, today);
  if (errors.length > 0) return refuse(...errors);
  return { ok: true, value: idNumberParts(idNumber) };
}

/** The parts of an ID number already checked (no validation here). */
export function idNumberParts(idNumber: string): ParsedIdNumber {
  return {
    idNumber,
    areaCode: idNumber.slice(0, 6),
    birthDate: fromCompactDate(idNumber.slice(6, 14)),
    sex: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female', // 顺序码 odd male, even female
  };
}

/** Builds a valid ID number: area code, birth date YYYY-MM-DD and sequence 0–999; computes the check character. */
export function makeIdNumber(areaCode: string, birthDate: CalendarDate, sequence: number): string {
  if (!/^\d{6}$/.test(areaCode)) throw new RangeError(`area code must be 6 digits, is "${areaCode}"`);
  if (!isCalendarDate(birthDate))
    throw new RangeError(`birth date must be a calendar date YYYY-MM-DD, is "${birthDate}"`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`sequence must be an integer 0–999, is ${sequence}`);
  }
  const first17 = `${areaCode}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

/** Upper-cases a trailing check character `x`; everything else is kept as typed. */
export function normaliseIdNumber(input: string): string {
  return input.length >= 18 && input[17] === 'x' ? `${input.slice(0, 17)}X${input.slice(18)}` : input;
}

/** The rules after the length: characters, then area, birth date and check character (all reported). */
export function idNumberViolations(
  idNumber: string,
  today: CalendarDate,
): Array<RuleViolation<IdNumberRule>> {
  const wrong = /\D/.exec(idNumber.slice(0, 17));
  if (wrong) {
    return [
      {
        rule: 'characters',
        message: `characters 1–17 must be digits; character ${wrong.index + 1} is "${wrong[0]}"`,
      },
    ];
  }
  const errors: Array<RuleViolation<IdNumberRule>> = [];
  const province = idNumber.slice(0, 2);
  if (!PROVINCE_CODES.has(province)) {
    errors.push({
      rule: 'area',
      message: `area code ${idNumber.slice(0, 6)} does not start with a province code (GB/T 2260); ${province} is none`,
    });
  }
  const birthError = birthDateViolation(idNumber.slice(6, 14), today);
  if (birthError) errors.push({ rule: 'birth-date', message: birthError });
  const expected = idCheckCharacter(idNumber.slice(0, 17));
  if (idNumber[17] !== expected) {
    errors.push({ rule: 'check', message: `check character should be ${expected}, is ${idNumber[17]}` });
  }
  return errors;
}

function birthDateViolation(compact: string, today: CalendarDate): string | undefined {
  const birthDate = fromCompactDate(compact);
  if (!isCalendarDate(birthDate)) return `birth date ${compact} (characters 7–14) is not a calendar date`;
  if (birthDate < EARLIEST_BIRTH_DATE) return `birth date ${birthDate} is before ${EARLIEST_BIRTH_DATE}`;
  if (birthDate > today) return `birth date ${birthDate} is after today, ${today}`;
  return undefined;
}

function refuse(...errors: Array<RuleViolation<IdNumberRule>>): {
  ok: false;
  errors: Array<RuleViolation<IdNumberRule>>;
} {
  return { ok: false, errors };
}
