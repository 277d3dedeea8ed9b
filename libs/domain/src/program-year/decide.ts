import type { ProgramYearEvent } from '../events/program-year-events';
import { decideApprovePaymentBatch, type ApprovePaymentBatch } from './approve-payment-batch';
import { decideEnrollBeneficiary, type EnrollBeneficiary } from './enroll-beneficiary';
import { decideOpenProgramYear, type OpenProgramYear } from './open-program-year';
import type { ProgramYearState } from './program-year';
import { decideRecordAllocation, type RecordAllocation } from './record-allocation';
import { decideRecordBankReturn, type RecordBankReturn } from './record-bank-return';
import { decideReversePayment, type ReversePayment } from './reverse-payment';

export type ProgramYearCommand =
  | OpenProgramYear
  | RecordAllocation
  | EnrollBeneficiary
  | ApprovePaymentBatch
  | RecordBankReturn
  | ReversePayment;

/** The program-year's decider: the events a command produces against the state, or a DomainError. */
export function decide(command: ProgramYearCommand, state: ProgramYearState): ProgramYearEvent[] {
  switch (command.type) {
    case 'OpenProgramYear':
      return decideOpenProgramYear(command, state);
    case 'RecordAllocation':
      return decideRecordAllocation(command, state);
    case 'EnrollBeneficiary':
      return decideEnrollBeneficiary(command, state);
    case 'ApprovePaymentBatch':
      return decideApprovePaymentBatch(command, state);
    case 'RecordBankReturn':
      return decideRecordBankReturn(command, state);
    case 'ReversePayment':
      return decideReversePayment(command, state);
  }
}
