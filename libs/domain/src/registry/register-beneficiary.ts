/**
 * 登记: register a certified disabled person. Birth date, sex, category and grade are derived from the
 * certificate number, never typed twice; the ID number inside it keys the person (one registration each).
 */
import type { BeneficiaryRegistered } from '../events/beneficiary-events';
import type { CalendarDate } from '../shared/calendar-date';
import type { ParseResult } from '../shared/parse-result';
import type { BeneficiaryState } from './beneficiary-state';
import { parseCertificateNumber } from './certificate';
import { BeneficiaryAlreadyRegistered, FieldErrors } from './registry-refusals';
import { checkBankAccount, checkName, checkTownship } from './validation';

const NOT_A_STRING: ParseResult<never> = {
  ok: false,
  errors: [{ rule: 'type', message: 'must be a string' }],
};

export interface RegisterBeneficiary {
  type: 'RegisterBeneficiary';
  data: { certificateNumber: string; name: string; township: string; bankAccount: string };
}

/**
 * → BeneficiaryRegistered. Any field broken 400 (all of them named); the ID number registered already 409,
 * naming the certificate number on record. `today` (Asia/Shanghai) bounds the birth date.
 */
export function decideRegisterBeneficiary(
  command: RegisterBeneficiary,
  state: BeneficiaryState,
  today: CalendarDate,
): [BeneficiaryRegistered] {
  const input = command.data;
  const errors = new FieldErrors();
  const certificate = errors.take(
    'certificateNumber',
    typeof input.certificateNumber === 'string'
      ? parseCertificateNumber(input.certificateNumber, today)
      : NOT_A_STRING,
  );
  const name = errors.take('name', checkName(input.name));
  const township = errors.take('township', checkTownship(input.township));
  const bankAccount = errors.take('bankAccount', checkBankAccount(input.bankAccount));
  errors.throwIfAny();
  if (
    certificate === undefined ||
    name === undefined ||
    township === undefined ||
    bankAccount === undefined
  ) {
    throw new Error('unreachable: fields checked above');
  }
  if (state.status === 'registered') {
    throw new BeneficiaryAlreadyRegistered(certificate.idNumber, state.certificateNumber ?? '');
  }
  const { certificateNumber, idNumber, birthDate, sex, category, grade } = certificate;
  return [
    {
      type: 'BeneficiaryRegistered',
      data: {
        personId: idNumber,
        certificateNumber,
        name,
        township,
        bankAccount,
        birthDate,
        sex,
        category,
        grade,
      },
    },
  ];
}
