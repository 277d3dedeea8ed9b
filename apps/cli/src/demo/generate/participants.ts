/**
 * Who is enrolled in which program-year: the catalogue's eligibility rule (the same function enrollment
 * uses), narrowed where the real program serves a narrower group (ASSUMED, below), drawn at random from
 * those not yet chosen for another program, so every person is in at most one program. Pure.
 */
import { programDefinition } from '@subsidy/domain/catalogue/catalogue';
import { ageDayOf, ageOn } from '@subsidy/domain/catalogue/age';
import { checkEligibility } from '@subsidy/domain/catalogue/eligibility';
import type { ProgramCode } from '@subsidy/domain/catalogue/program-code';
import type { ProgramYearPlan } from '../figures/program-years-2024';
import type { DemoPerson } from './people';
import { Prng } from './prng';

export interface Participant {
  certificateNumber: string;
  tier: string;
}

type Who = (person: DemoPerson, age: number) => boolean;

interface Group {
  tier: string;
  count: number;
  who: Who;
}

/** Narrower than the catalogue (ASSUMED): who each program actually serves. */
const SERVES: Partial<Record<ProgramCode, Who>> = {
  'psychiatric-medication': (_, age) => age >= 16,
  'fuel-subsidy': (_, age) => age >= 18 && age <= 70, // drivers of motorised wheelchairs
  'student-aid-higher': (p, age) => age >= 17 && age <= 24 && p.category !== 'intellectual',
  'student-aid-vocational': (_, age) => age >= 15 && age <= 19,
  'vocational-training': (p) => p.grade >= 3, // 轻度, with some working ability
  'child-rehabilitation': (_, age) => age <= 14,
  'assistive-devices': (_, age) => age < 18, // 儿童
};

/** The report's 45 assistive-device children: 24 prosthetics/orthotics (physical), 21 other devices. */
export const ASSISTIVE_DEVICE_GROUPS: ReadonlyArray<{ label: string; count: number; who: Who }> = [
  { label: '假肢矫形器 prosthetics/orthotics', count: 24, who: (p) => p.category === 'physical' },
  { label: '辅具适配 assistive devices', count: 21, who: () => true },
];

/** Scarcest pools first, so the broad programs take from what is left. */
const ORDER: readonly ProgramCode[] = [
  'care-services',
  'assistive-devices',
  'child-rehabilitation',
  'student-aid-vocational',
  'student-aid-higher',
  'psychiatric-medication',
  'fuel-subsidy',
  'accessibility-renovation',
  'vocational-training',
];

export function chooseParticipants(
  people: readonly DemoPerson[],
  plans: readonly ProgramYearPlan[],
  year: number,
  seed: number,
): Map<ProgramCode, Participant[]> {
  const prng = new Prng(seed ^ 0x5eed);
  const ageDay = ageDayOf(year);
  const ages = people.map((p) => ageOn(p.birthDate, ageDay));
  const chosen = new Set<number>();
  const result = new Map<ProgramCode, Participant[]>();
  for (const code of ORDER) {
    const plan = plans.find((p) => p.programCode === code);
    if (!plan) continue;
    const program = programDefinition(code);
    const eligible = (i: number) =>
      checkEligibility(program, people[i]!, year).eligible && (SERVES[code]?.(people[i]!, ages[i]!) ?? true);
    const participants: Participant[] = [];
    for (const group of groupsOf(plan)) {
      const pool = people
        .map((_, i) => i)
        .filter((i) => !chosen.has(i) && eligible(i) && group.who(people[i]!, ages[i]!));
      if (pool.length < group.count) {
        throw new Error(
          `${code} ${group.tier}: needs ${group.count} eligible persons, only ${pool.length} are left`,
        );
      }
      for (const i of prng.shuffle(pool).slice(0, group.count)) {
        chosen.add(i);
        participants.push({ certificateNumber: people[i]!.certificateNumber, tier: group.tier });
      }
    }
    result.set(code, participants);
  }
  return result;
}

function groupsOf(plan: ProgramYearPlan): Group[] {
  if (plan.programCode === 'assistive-devices') {
    return ASSISTIVE_DEVICE_GROUPS.map((g) => ({ tier: 'standard', count: g.count, who: g.who }));
  }
  return Object.entries(plan.persons).map(([tier, count]) => ({ tier, count, who: () => true }));
}
