import type {
  BeneficiaryBankAccountChanged,
  BeneficiaryReassessed,
  BeneficiaryRegistered,
  BeneficiaryTownshipChanged,
} from '@subsidy/domain/events/beneficiary-events';
import { BufferedRows, MultiRowInsert } from '../multi-row-insert';
import { dataOf, defineProjection, StatementCache } from '../projection';

/**
 * People as they stand now (`beneficiary`), and the certificate numbers they held before a re-assessment
 * (`previous_certificate`), so an old number still finds its holder. Every number a person holds starts with
 * their 18-character ID number (the person id), so a number resolves by its first 18 characters and a
 * registration costs one row. `seq` is the registration's log position: the rowid, the list's stable order
 * and its cursor key. No township index: a county's 27,066 rows scan in milliseconds, while every index
 * slows each registration of a rebuild.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS beneficiary (
  seq INTEGER PRIMARY KEY,
  person_id TEXT NOT NULL UNIQUE,
  certificate_number TEXT NOT NULL,
  name TEXT NOT NULL,
  township TEXT NOT NULL,
  bank_account TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  sex TEXT NOT NULL,
  category TEXT NOT NULL,
  grade INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS previous_certificate (
  certificate_number TEXT PRIMARY KEY,
  person_id TEXT NOT NULL,
  seq INTEGER NOT NULL
) WITHOUT ROWID;
`;

const statements = new StatementCache((db) => ({
  /**
   * Registrations, held back and written many to a statement (a rebuild has 270 k of them). Every other
   * handler here updates `beneficiary`, so it writes them first.
   */
  registered: new BufferedRows(
    new MultiRowInsert(db, 'beneficiary', [
      'seq',
      'person_id',
      'certificate_number',
      'name',
      'township',
      'bank_account',
      'birth_date',
      'sex',
      'category',
      'grade',
    ]),
  ),
  previous: db.prepare(
    'INSERT INTO previous_certificate (certificate_number, person_id, seq) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  ),
  reassess: db.prepare(
    'UPDATE beneficiary SET certificate_number = ?, category = ?, grade = ? WHERE person_id = ?',
  ),
  bankAccount: db.prepare('UPDATE beneficiary SET bank_account = ? WHERE person_id = ?'),
  township: db.prepare('UPDATE beneficiary SET township = ? WHERE person_id = ?'),
}));

export const beneficiariesProjection = defineProjection({
  name: 'beneficiaries',
  version: 1,
  ddl: DDL,
  tables: ['beneficiary', 'previous_certificate'],
  statements,
  reads: {
    BeneficiaryRegistered: [
      'personId',
      'certificateNumber',
      'name',
      'township',
      'bankAccount',
      'birthDate',
      'sex',
      'category',
      'grade',
    ],
    BeneficiaryReassessed: [
      'personId',
      'previousCertificateNumber',
      'certificateNumber',
      'category',
      'grade',
    ],
    BeneficiaryBankAccountChanged: ['personId', 'bankAccount'],
    BeneficiaryTownshipChanged: ['personId', 'township'],
  },
  handlers: {
    BeneficiaryRegistered(db, e) {
      const d = dataOf<BeneficiaryRegistered>(e);
      statements
        .get(db)
        .registered.add(e.position, [
          e.position,
          d.personId,
          d.certificateNumber,
          d.name,
          d.township,
          d.bankAccount,
          d.birthDate,
          d.sex,
          d.category,
          d.grade,
        ]);
    },
    BeneficiaryReassessed(db, e) {
      const d = dataOf<BeneficiaryReassessed>(e);
      const s = statements.get(db);
      s.registered.flushBefore(e.position);
      s.previous.run(d.previousCertificateNumber, d.personId, e.position);
      s.reassess.run(d.certificateNumber, d.category, d.grade, d.personId);
    },
    BeneficiaryBankAccountChanged(db, e) {
      const d = dataOf<BeneficiaryBankAccountChanged>(e);
      const s = statements.get(db);
      s.registered.flushBefore(e.position);
      s.bankAccount.run(d.bankAccount, d.personId);
    },
    BeneficiaryTownshipChanged(db, e) {
      const d = dataOf<BeneficiaryTownshipChanged>(e);
      const s = statements.get(db);
      s.registered.flushBefore(e.position);
      s.township.run(d.township, d.personId);
    },
  },
  flush(db, upTo) {
    statements.peek(db)?.registered.flush(upTo);
  },
});
