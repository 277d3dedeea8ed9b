/**
 * The beneficiary decider (Emmett style): `decide(command, state, now) → events`, `evolve(state, event) → state`,
 * over one person's stream `beneficiary-{idNumber}`. Each command lives in its own file; this one routes.
 */
import type { BeneficiaryEvent } from '../events/beneficiary-events';
import { shanghaiDate } from '../shared/calendar-date';
import type { BeneficiaryState } from './beneficiary-state';
import { decideChangeBankAccount, type ChangeBankAccount } from './change-bank-account';
import { decideChangeTownship, type ChangeTownship } from './change-township';
import { decideReassessBeneficiary, type ReassessBeneficiary } from './reassess-beneficiary';
import { decideRegisterBeneficiary, type RegisterBeneficiary } from './register-beneficiary';

export * from './beneficiary-state';
export { BeneficiaryAlreadyRegistered } from './registry-refusals';
export type { ChangeBankAccount, ChangeTownship, ReassessBeneficiary, RegisterBeneficiary };

export type BeneficiaryCommand =
  RegisterBeneficiary | ReassessBeneficiary | ChangeBankAccount | ChangeTownship;

/** Refuses with a DomainError (nothing to record) or answers the events; `now` gives "today" in Asia/Shanghai. */
export function decide(command: BeneficiaryCommand, state: BeneficiaryState, now: Date): BeneficiaryEvent[] {
  switch (command.type) {
    case 'RegisterBeneficiary':
      return decideRegisterBeneficiary(command, state, shanghaiDate(now));
    case 'ReassessBeneficiary':
      return decideReassessBeneficiary(command, state);
    case 'ChangeBankAccount':
      return decideChangeBankAccount(command, state);
    case 'ChangeTownship':
      return decideChangeTownship(command, state);
  }
}
