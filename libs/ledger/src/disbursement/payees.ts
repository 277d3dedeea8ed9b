import type Database from 'better-sqlite3';
import type { Payee } from '@subsidy/domain/disbursement';
import { resolvePersonId } from '../read-models';
import { prepared } from '../read-models/queries/prepared';

/**
 * Who a line pays, from the registry's read model: name and the bank account in force now, snapshotted into
 * the draft so the checker approves payment to a known account. Callers first wait for the read models to
 * reach every acknowledged write.
 */
export class Payees {
  constructor(private readonly db: Database.Database) {}

  personIdOf(certificateNumber: string): string | undefined {
    return resolvePersonId(this.db, certificateNumber);
  }

  payeeOf = (personId: string): Payee | undefined => {
    const row = prepared<[string], { certificate_number: string; name: string; bank_account: string }>(
      this.db,
      'SELECT certificate_number, name, bank_account FROM beneficiary WHERE person_id = ?',
    ).get(personId);
    return row && { certificateNumber: row.certificate_number, name: row.name, bankAccount: row.bank_account };
  };
}
