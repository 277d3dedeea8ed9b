import { CATEGORIES } from '@subsidy/domain/registry/certificate';
import { parseCertificateNumber } from '@subsidy/domain/registry/certificate';
import { ageOn } from '@subsidy/domain/catalogue/age';
import { checkName } from '@subsidy/domain/registry/validation';
import { BY_CATEGORY, BY_SEVERITY, CERTIFIED_PERSONS } from '../figures/register-2024';
import { REPORTED_TOWNSHIPS, TOWNSHIPS } from '../figures/townships';
import { luhnCheckDigit } from './bank-account';
import { generatePeople, type DemoPerson } from './people';

const countBy = <K extends string | number>(people: readonly DemoPerson[], key: (p: DemoPerson) => K) => {
  const counts = new Map<K, number>();
  for (const p of people) counts.set(key(p), (counts.get(key(p)) ?? 0) + 1);
  return counts;
};

describe('generatePeople (Jinzhai 2024 register)', () => {
  const people = generatePeople(2024);

  it('has exactly the report’s 27,066 persons, split by severity and by category as the report says', () => {
    expect(people).toHaveLength(CERTIFIED_PERSONS);
    const grades = countBy(people, (p) => p.grade);
    expect((grades.get(1) ?? 0) + (grades.get(2) ?? 0)).toBe(17_397);
    expect((grades.get(3) ?? 0) + (grades.get(4) ?? 0)).toBe(9_669);
    expect(BY_SEVERITY.severe + BY_SEVERITY.moderate).toBe(CERTIFIED_PERSONS);
    const categories = countBy(people, (p) => p.category);
    expect(Object.fromEntries(CATEGORIES.map((c) => [c, categories.get(c)]))).toEqual({
      visual: 2_690,
      hearing: 4_162,
      speech: 578,
      physical: 13_587,
      intellectual: 2_305,
      mental: 2_572,
      multiple: 1_172,
    });
    expect(Object.values(BY_CATEGORY).reduce((a, b) => a + b, 0)).toBe(CERTIFIED_PERSONS);
  });

  it('gives every person a valid certificate number of 金寨县 whose derived fields are the person’s', () => {
    const wrong = people.filter((p) => {
      const parsed = parseCertificateNumber(p.certificateNumber, '2024-01-02');
      if (!parsed.ok || !p.certificateNumber.startsWith('341524')) return true;
      const { birthDate, sex, category, grade } = parsed.value;
      return birthDate !== p.birthDate || sex !== p.sex || category !== p.category || grade !== p.grade;
    });
    expect(wrong).toEqual([]);
  });

  it('never gives two persons the same ID number or bank card', () => {
    expect(new Set(people.map((p) => p.certificateNumber.slice(0, 18))).size).toBe(people.length);
    expect(new Set(people.map((p) => p.bankAccount)).size).toBe(people.length);
  });

  it('gives 19-digit cards that pass the Luhn check, valid names and the county’s townships', () => {
    const townships = new Set(TOWNSHIPS.map(([t]) => t));
    const wrong = people.filter(
      (p) =>
        !/^\d{19}$/.test(p.bankAccount) ||
        luhnCheckDigit(p.bankAccount.slice(0, 18)) !== p.bankAccount[18] ||
        !checkName(p.name).ok ||
        [...p.name].length < 2 ||
        !townships.has(p.township),
    );
    expect(wrong).toEqual([]);
    const used = countBy(people, (p) => p.township);
    for (const t of REPORTED_TOWNSHIPS) expect(used.get(t)).toBeGreaterThan(500);
  });

  it('spreads ages on 1 January over 0–90, with children and old people', () => {
    const ages = people.map((p) => ageOn(p.birthDate, '2024-01-01'));
    expect(Math.min(...ages)).toBe(0);
    expect(Math.max(...ages)).toBe(90);
    expect(ages.filter((a) => a < 18).length).toBeGreaterThan(1_000);
    expect(ages.filter((a) => a >= 60).length).toBeGreaterThan(10_000);
  });

  it('is the same county for the same seed, another for another seed', () => {
    expect(generatePeople(2024).slice(0, 50)).toEqual(people.slice(0, 50));
    expect(generatePeople(2024, 7).slice(0, 50)).not.toEqual(people.slice(0, 50));
  });
});
