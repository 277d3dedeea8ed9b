/**
 * The county's 27,066 certified persons, generated deterministically from a seed: exactly the report's split
 * by severity and by category, birth dates over ages 0–90, real township names, Chinese names and 19-digit
 * bank cards. Valid GB 11643 ID numbers with area code 341524 (金寨县) and second-generation certificate
 * numbers. Pure: no I/O.
 */
import {
  CATEGORIES,
  makeCertificateNumber,
  type Category,
  type Grade,
  type Sex,
} from '@subsidy/domain/registry/certificate';
import { makeIdNumber } from '@subsidy/domain/registry/id-number';
import type { CalendarDate } from '@subsidy/domain/shared/calendar-date';
import { BY_CATEGORY, BY_SEVERITY, JINZHAI_AREA_CODE } from '../figures/register-2024';
import { TOWNSHIPS } from '../figures/townships';
import { makeBankAccount } from './bank-account';
import { AGE_BANDS, birthDateForAge } from './birth-date';
import { makeChineseName } from './chinese-name';
import { Prng } from './prng';

export interface DemoPerson {
  certificateNumber: string;
  name: string;
  township: string;
  bankAccount: string;
  // Derived from the certificate number; kept to choose who enters which program.
  birthDate: CalendarDate;
  sex: Sex;
  category: Category;
  grade: Grade;
}

export const DEFAULT_SEED = 20_240_101;

/** Mental disability is certified from adolescence on: no one under 15 in that category (ASSUMED). */
const MIN_AGE: Partial<Record<Category, number>> = { mental: 15 };

export function generatePeople(year: number, seed = DEFAULT_SEED): DemoPerson[] {
  const prng = new Prng(seed);
  const categories = prng.shuffle(CATEGORIES.flatMap((c) => Array<Category>(BY_CATEGORY[c]).fill(c)));
  const severe = prng.shuffle([
    ...Array<boolean>(BY_SEVERITY.severe).fill(true),
    ...Array<boolean>(BY_SEVERITY.moderate).fill(false),
  ]);
  if (categories.length !== severe.length)
    throw new Error('the category and severity splits count different totals');

  const taken = new Set<string>();
  const accounts = new Set<string>();
  return categories.map((category, i) => {
    const grade = (
      severe[i]
        ? prng.weighted([
            [1, 45],
            [2, 55],
          ])
        : prng.weighted([
            [3, 45],
            [4, 55],
          ])
    ) as Grade;
    const sex: Sex = prng.next() < 0.56 ? 'male' : 'female';
    const birthDate = birthDateForAge(prng, year, ageFor(prng, category));
    const idNumber = uniqueIdNumber(prng, birthDate, sex, taken);
    let bankAccount = makeBankAccount(prng);
    while (accounts.has(bankAccount)) bankAccount = makeBankAccount(prng);
    accounts.add(bankAccount);
    return {
      certificateNumber: makeCertificateNumber(idNumber, category, grade),
      name: makeChineseName(prng, sex),
      township: prng.weighted(TOWNSHIPS),
      bankAccount,
      birthDate,
      sex,
      category,
      grade,
    };
  });
}

function ageFor(prng: Prng, category: Category): number {
  const min = MIN_AGE[category] ?? 0;
  const bands = AGE_BANDS.filter(([[, max]]) => max >= min);
  const [lo, hi] = prng.weighted(bands);
  return prng.int(Math.max(lo, min), hi);
}

/** 顺序码: odd for men, even for women; another one drawn if this birth date already has it. */
function uniqueIdNumber(prng: Prng, birthDate: CalendarDate, sex: Sex, taken: Set<string>): string {
  for (;;) {
    const sequence = prng.int(0, 499) * 2 + (sex === 'male' ? 1 : 0);
    const idNumber = makeIdNumber(JINZHAI_AREA_CODE, birthDate, sequence);
    if (!taken.has(idNumber)) {
      taken.add(idNumber);
      return idNumber;
    }
  }
}
