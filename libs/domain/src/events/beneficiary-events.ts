/** Events of a person's stream (`beneficiary-{idNumber}`). Data holds money as two-decimal strings. */
import type { Category, Grade, Sex } from '../registry/certificate';

export interface BeneficiaryRegistered {
  type: 'BeneficiaryRegistered';
  data: {
    personId: string; // 居民身份证号, 18 characters
    certificateNumber: string; // 残疾人证号, 20 characters
    name: string;
    township: string;
    bankAccount: string;
    birthDate: string; // YYYY-MM-DD
    sex: Sex;
    category: Category;
    grade: Grade;
  };
}

/** A re-assessment (换证/等级变更): new category or grade, so a new certificate number; the old one still resolves. */
export interface BeneficiaryReassessed {
  type: 'BeneficiaryReassessed';
  data: {
    personId: string;
    previousCertificateNumber: string;
    certificateNumber: string;
    category: Category;
    grade: Grade;
  };
}

export interface BeneficiaryBankAccountChanged {
  type: 'BeneficiaryBankAccountChanged';
  data: { personId: string; bankAccount: string };
}

export interface BeneficiaryTownshipChanged {
  type: 'BeneficiaryTownshipChanged';
  data: { personId: string; township: string };
}

export type BeneficiaryEvent =
  | BeneficiaryRegistered
  | BeneficiaryReassessed
  | BeneficiaryBankAccountChanged
  | BeneficiaryTownshipChanged;
