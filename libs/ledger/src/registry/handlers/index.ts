import { RegisterBeneficiaryHandler } from './register-beneficiary.handler';
import {
  ChangeBankAccountHandler,
  ChangeTownshipHandler,
  ReassessBeneficiaryHandler,
} from './change-beneficiary.handlers';

export const REGISTRY_HANDLERS = [
  RegisterBeneficiaryHandler,
  ReassessBeneficiaryHandler,
  ChangeBankAccountHandler,
  ChangeTownshipHandler,
];
