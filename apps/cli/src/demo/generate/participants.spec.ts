import { programDefinition } from '@subsidy/domain/catalogue/catalogue';
import { ageOn } from '@subsidy/domain/catalogue/age';
import { checkEligibility } from '@subsidy/domain/catalogue/eligibility';
import { PROGRAM_YEARS_2024, personsPaid } from '../figures/program-years-2024';
import { ASSISTIVE_DEVICE_GROUPS, chooseParticipants } from './participants';
import { generatePeople } from './people';

describe('chooseParticipants (who enters which 2024 program)', () => {
  const people = generatePeople(2024);
  const byCertificate = new Map(people.map((p) => [p.certificateNumber, p]));
  const chosen = chooseParticipants(people, PROGRAM_YEARS_2024, 2024, 1);

  it('chooses exactly the report’s persons per program and tier (care: 2 residential, 5 day, 82 home)', () => {
    for (const plan of PROGRAM_YEARS_2024) {
      const participants = chosen.get(plan.programCode)!;
      expect(participants).toHaveLength(personsPaid(plan));
      for (const [tier, n] of Object.entries(plan.persons)) {
        expect(participants.filter((p) => p.tier === tier)).toHaveLength(n);
      }
    }
    expect(
      chosen
        .get('care-services')!
        .map((p) => p.tier)
        .sort(),
    ).toEqual([
      ...Array<string>(5).fill('day'),
      ...Array<string>(82).fill('home'),
      ...Array<string>(2).fill('residential'),
    ]);
  });

  it('chooses only people the catalogue admits, so every enrollment will be accepted', () => {
    for (const [code, participants] of chosen) {
      for (const { certificateNumber } of participants) {
        expect(
          checkEligibility(programDefinition(code), byCertificate.get(certificateNumber)!, 2024),
        ).toEqual({
          eligible: true,
        });
      }
    }
  });

  it('serves the groups the programs are for: children for rehabilitation and devices, 24 prosthetics to physical', () => {
    const ages = (code: Parameters<typeof chosen.get>[0]) =>
      chosen.get(code)!.map((p) => ageOn(byCertificate.get(p.certificateNumber)!.birthDate, '2024-01-01'));
    expect(Math.max(...ages('child-rehabilitation'))).toBeLessThanOrEqual(14);
    expect(Math.max(...ages('assistive-devices'))).toBeLessThan(18);
    expect(Math.min(...ages('student-aid-higher'))).toBeGreaterThanOrEqual(17);
    const devices = chosen.get('assistive-devices')!.map((p) => byCertificate.get(p.certificateNumber)!);
    expect(devices.slice(0, 24).every((p) => p.category === 'physical')).toBe(true);
    expect(ASSISTIVE_DEVICE_GROUPS.reduce((n, g) => n + g.count, 0)).toBe(45);
  });

  it('puts each person in at most one program', () => {
    const all = [...chosen.values()].flat().map((p) => p.certificateNumber);
    expect(new Set(all).size).toBe(all.length);
  });

  it('says which program cannot be filled when the register is too small', () => {
    expect(() => chooseParticipants(people.slice(0, 500), PROGRAM_YEARS_2024, 2024, 1)).toThrow(
      /needs \d+ eligible persons, only \d+ are left/,
    );
  });
});
