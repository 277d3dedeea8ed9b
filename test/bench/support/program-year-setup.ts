/**
 * The program-year the approval scenarios pay: 辅具适配 assistive devices (open to any certified person),
 * one standard rate, a 60/40 upper/county plan, and both allocations received in full before the batch.
 */
import type { ProgramCode } from '@subsidy/domain/catalogue/program-code';
import { formatMoney, money } from '@subsidy/domain/shared/money';
import { decide as decideRegistry, initialBeneficiaryState } from '@subsidy/domain/registry/beneficiary';
import type { BeneficiaryRegistered } from '@subsidy/domain/events/beneficiary-events';
import type { BeneficiaryEnrolled } from '@subsidy/domain/events/program-year-events';
import { uuidv7 } from '@subsidy/event-store';
import type { BenchPerson } from './people';

export const PROGRAM: ProgramCode = 'assistive-devices';
export const YEAR = 2024;
export const RATE = '1200.00';

export function fundingFor(persons: number): { upper: string; county: string } {
  const total = money(RATE).times(persons);
  const upper = total.times(6).div(10).toDecimalPlaces(2);
  return { upper: formatMoney(upper), county: formatMoney(total.minus(upper)) };
}

/** The registration the real decider gives for this person, recorded at `now`. */
export function registration(person: BenchPerson, now: Date): BeneficiaryRegistered {
  const { certificateNumber, name, township, bankAccount } = person;
  const [event] = decideRegistry(
    { type: 'RegisterBeneficiary', data: { certificateNumber, name, township, bankAccount } },
    initialBeneficiaryState(),
    now,
  );
  return event as BeneficiaryRegistered;
}

export function enrollment(person: BenchPerson, programCode: ProgramCode, year: number, entitled: string): BeneficiaryEnrolled {
  return {
    type: 'BeneficiaryEnrolled',
    data: {
      enrollmentId: uuidv7(),
      programCode,
      year,
      personId: person.idNumber,
      certificateNumber: person.certificateNumber,
      tier: 'standard',
      entitled,
    },
  };
}
