import type { ProgramCode } from '../catalogue/program-code';
import { programDefinition } from '../catalogue/catalogue';
import type { BeneficiaryEnrolled } from '../events/program-year-events';
import type { ProgramYearState } from './program-year';
import { assertSameProgramYear, openedConfig } from './program-year-guards';
import { conflict, invalid, ruleBroken } from './refusals';

/** The catalogue's verdict on the person for this program-year (catalogue/eligibility.ts), judged by the caller. */
export type EligibilityVerdict = { eligible: true } | { eligible: false; rule: string; detail: string };

/** Admits a person to a program-year; their entitlement is their tier's annual rate. */
export interface EnrollBeneficiary {
  type: 'EnrollBeneficiary';
  data: {
    enrollmentId: string;
    programCode: ProgramCode;
    year: number;
    person: { personId: string; certificateNumber: string };
    /** Default `standard`, which programs with named tiers (care-services) do not have. */
    tier?: string;
    eligibility: EligibilityVerdict;
  };
}

/**
 * → BeneficiaryEnrolled with `entitled` = the tier's rate. Unknown tier 400; program-year not opened 404;
 * already enrolled 409; ineligible 422 with the rule and the person's value.
 */
export function decideEnrollBeneficiary(
  command: EnrollBeneficiary,
  state: ProgramYearState,
): BeneficiaryEnrolled[] {
  const { enrollmentId, programCode, year, person, eligibility } = command.data;
  const tiers = programDefinition(programCode).tiers;
  const tier = command.data.tier ?? 'standard';
  if (!tiers.includes(tier)) {
    const message = command.data.tier === undefined ? 'is required' : 'is not a tier of the program';
    throw invalid([{ field: 'tier', message: `${message}: ${programCode} has ${tiers.join(', ')}` }]);
  }
  assertSameProgramYear(state, programCode, year);
  const config = openedConfig(state);
  const existing = state.enrollments.get(person.personId);
  if (existing) {
    throw conflict(
      `${person.certificateNumber} is already enrolled in ${programCode} ${year} (${existing.enrollmentId})`,
    );
  }
  if (!eligibility.eligible) {
    throw ruleBroken(eligibility.detail, [
      { field: 'certificateNumber', message: `${eligibility.rule}: ${eligibility.detail}` },
    ]);
  }
  const entitled = config.rates[tier];
  if (entitled === undefined) throw new Error(`${programCode} ${year} has no rate for tier ${tier}`);
  return [
    {
      type: 'BeneficiaryEnrolled',
      data: {
        enrollmentId,
        programCode,
        year,
        personId: person.personId,
        certificateNumber: person.certificateNumber,
        tier,
        entitled,
      },
    },
  ];
}
