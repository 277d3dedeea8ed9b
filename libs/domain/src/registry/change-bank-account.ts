/** A new bank card or account (e.g. the old card was lost): later payment batches pay to it. */
import type { BeneficiaryBankAccountChanged } from '../events/beneficiary-events';
import { isRegistered, type BeneficiaryState } from './beneficiary-state';
import { maskBankAccount } from './masking';
import { FieldErrors, notRegistered, unchanged } from './registry-refusals';
import { checkBankAccount, checkReason } from './validation';

export interface ChangeBankAccount {
  type: 'ChangeBankAccount';
  data: { bankAccount: string; reason: string };
}

/** → BeneficiaryBankAccountChanged. Not registered 404; bad account or missing reason 400; same account 422. */
export function decideChangeBankAccount(
  command: ChangeBankAccount,
  state: BeneficiaryState,
): [BeneficiaryBankAccountChanged] {
  if (!isRegistered(state)) throw notRegistered();
  const errors = new FieldErrors();
  const bankAccount = errors.take('bankAccount', checkBankAccount(command.data.bankAccount));
  errors.take('reason', checkReason(command.data.reason));
  errors.throwIfAny();
  if (bankAccount === undefined) throw new Error('unreachable: bank account checked above');
  if (bankAccount === state.bankAccount) {
    throw unchanged(`the bank account on record is already ${maskBankAccount(bankAccount)}`, [
      { field: 'bankAccount', message: 'is already the account on record' },
    ]);
  }
  return [{ type: 'BeneficiaryBankAccountChanged', data: { personId: state.personId, bankAccount } }];
}
