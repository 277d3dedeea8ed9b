/**
 * A person's record as their stream (`beneficiary-{idNumber}`) tells it: registration, then re-assessments
 * (换证/等级变更: new category or grade, so a new certificate number) and changes of bank account or township.
 * Every certificate number the person ever held is kept, so old numbers on paper still find them.
 */
import type { BeneficiaryEvent } from '../events/beneficiary-events';
import type { CalendarDate } from '../shared/calendar-date';
import { normaliseCertificateNumber, type Category, type Grade, type Sex } from './certificate';

export interface BeneficiaryState {
  status: 'unregistered' | 'registered';
  personId?: string; // 居民身份证号
  certificateNumber?: string; // 残疾人证号 in force
  certificateNumbers: readonly string[]; // every one held, oldest first
  name?: string;
  township?: string;
  bankAccount?: string;
  birthDate?: CalendarDate;
  sex?: Sex;
  category?: Category;
  grade?: Grade;
}

export type RegisteredBeneficiaryState = Required<BeneficiaryState> & { status: 'registered' };

export function initialBeneficiaryState(): BeneficiaryState {
  return { status: 'unregistered', certificateNumbers: [] };
}

export function isRegistered(state: BeneficiaryState): state is RegisteredBeneficiaryState {
  return state.status === 'registered';
}

export function evolve(state: BeneficiaryState, event: BeneficiaryEvent): BeneficiaryState {
  if (event.type === 'BeneficiaryRegistered') {
    const { personId, certificateNumber, name, township, bankAccount, birthDate, sex, category, grade } =
      event.data;
    return {
      status: 'registered',
      personId,
      certificateNumber,
      certificateNumbers: [certificateNumber],
      name,
      township,
      bankAccount,
      birthDate,
      sex,
      category,
      grade,
    };
  }
  if (!isRegistered(state))
    throw new Error(`${event.type} before BeneficiaryRegistered in ${event.data.personId}`);
  switch (event.type) {
    case 'BeneficiaryReassessed': {
      const { certificateNumber, category, grade } = event.data;
      const held = state.certificateNumbers.includes(certificateNumber);
      const certificateNumbers = held
        ? state.certificateNumbers
        : [...state.certificateNumbers, certificateNumber];
      return { ...state, certificateNumber, certificateNumbers, category, grade };
    }
    case 'BeneficiaryBankAccountChanged':
      return { ...state, bankAccount: event.data.bankAccount };
    case 'BeneficiaryTownshipChanged':
      return { ...state, township: event.data.township };
  }
}

/**
 * Whether this certificate number names this person: any number they ever held (an old number keeps
 * resolving after a re-assessment); a number with their ID part but a category or grade never held does not.
 */
export function resolvesTo(state: BeneficiaryState, certificateNumber: string): boolean {
  return (
    isRegistered(state) && state.certificateNumbers.includes(normaliseCertificateNumber(certificateNumber))
  );
}
