/**
 * The program catalogue: codes, names, tiers and eligibility, as data in one place (DOMAIN.md).
 * Eligibility is judged on age on 1 January of the program-year and on the category and grade in force.
 */
import type { Category, Grade } from '../registry/certificate';
import type { ProgramCode } from './program-code';

export interface EligibilityRule {
  /** Inclusive age bounds on 1 January of the program-year. */
  age?: { min?: number; max?: number };
  categories?: readonly Category[];
  /** Grades allowed for any category. */
  grades?: readonly Grade[];
  /** Extra categories admitted only at these grades (care-services: physical of grade 1–2). */
  categoriesAtGrades?: ReadonlyArray<{ category: Category; grades: readonly Grade[] }>;
  /** The rule in words, for refusals. */
  text: string;
}

export interface ProgramDefinition {
  code: ProgramCode;
  name: string; // English
  nameZh: string;
  tiers: readonly string[];
  eligibility: EligibilityRule;
}

export const CATALOGUE: readonly ProgramDefinition[] = [
  {
    code: 'psychiatric-medication',
    name: 'Psychiatric medication aid',
    nameZh: '精神病人药费补助',
    tiers: ['standard'],
    eligibility: { categories: ['mental'], text: 'category mental' },
  },
  {
    code: 'fuel-subsidy',
    name: 'Motorised-wheelchair fuel subsidy',
    nameZh: '残疾人机动轮椅车燃油补贴',
    tiers: ['standard'],
    eligibility: { categories: ['physical'], text: 'category physical' },
  },
  {
    code: 'care-services',
    name: '"Sunshine Home" care services',
    nameZh: '阳光家园计划托养服务',
    tiers: ['residential', 'day', 'home'], // 寄宿制 / 日间照料 / 居家托养
    eligibility: {
      age: { min: 16, max: 59 },
      categories: ['intellectual', 'mental'],
      categoriesAtGrades: [{ category: 'physical', grades: [1, 2] }],
      text: 'age 16–59, and category intellectual or mental, or physical of grade 1–2',
    },
  },
  {
    code: 'student-aid-higher',
    name: 'Higher-education student aid',
    nameZh: '高等教育阶段残疾学生资助',
    tiers: ['standard'],
    eligibility: { text: 'any certified person' },
  },
  {
    code: 'student-aid-vocational',
    name: 'Vocational-school student aid',
    nameZh: '中等职业教育残疾学生资助',
    tiers: ['standard'],
    eligibility: { text: 'any certified person' },
  },
  {
    code: 'vocational-training',
    name: 'Vocational skills training',
    nameZh: '职业技能培训',
    tiers: ['standard'],
    eligibility: { age: { min: 16, max: 59 }, text: 'age 16–59' },
  },
  {
    code: 'child-rehabilitation',
    name: 'Child rehabilitation training',
    nameZh: '残疾儿童康复训练',
    tiers: ['standard'],
    eligibility: { age: { max: 17 }, text: 'age under 18' },
  },
  {
    code: 'assistive-devices',
    name: 'Assistive devices and prosthetics',
    nameZh: '辅具适配',
    tiers: ['standard'],
    eligibility: { text: 'any certified person' },
  },
  {
    code: 'accessibility-renovation',
    name: 'Accessibility home renovation',
    nameZh: '无障碍改造',
    tiers: ['standard'],
    eligibility: { grades: [1, 2], text: 'grade 1–2' },
  },
];

export function programDefinition(code: ProgramCode): ProgramDefinition {
  const def = CATALOGUE.find((p) => p.code === code);
  if (!def) throw new Error(`unknown program ${code}`);
  return def;
}
