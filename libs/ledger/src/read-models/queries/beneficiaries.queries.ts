import type Database from 'better-sqlite3';
import type { Category, Grade, Sex } from '@subsidy/domain/registry/certificate';
import type { MoneyString } from '@subsidy/domain/shared/money';
import { fenToMoney } from '../fen';
import { decodeCursor, page } from './cursor';
import { prepared } from './prepared';

type Db = Database.Database;

export interface EntitlementView {
  programCode: string;
  year: number;
  tier: string;
  entitled: MoneyString;
  paid: MoneyString; // net: approved and bank-confirmed lines, less failed and reversed ones
  outstanding: MoneyString;
  funding: { upper: MoneyString; county: MoneyString }; // the net paid, per source
}

export interface BeneficiaryView {
  certificateNumber: string; // the current one
  name: string;
  township: string;
  bankAccount: string;
  birthDate: string;
  sex: Sex;
  category: Category;
  grade: Grade;
  /** Numbers held before re-assessments, oldest first; each still finds this person. */
  previousCertificateNumbers: string[];
  entitlements: EntitlementView[];
}

export interface BeneficiaryListItem {
  certificateNumber: string;
  name: string;
  township: string;
  category: Category;
  grade: Grade;
}

export interface BeneficiaryFilter {
  township?: string;
  programCode?: string;
  year?: number;
  /** A name substring, or a certificate number prefix (any number the person has held). */
  q?: string;
  limit: number;
  cursor?: string;
}

interface PersonRow {
  person_id: string;
  certificate_number: string;
  name: string;
  township: string;
  bank_account: string;
  birth_date: string;
  sex: Sex;
  category: Category;
  grade: Grade;
}

interface EntitlementRow {
  program_code: string;
  year: number;
  tier: string;
  entitled_fen: number;
  paid_fen: number;
  paid_upper_fen: number;
  paid_county_fen: number;
}

/**
 * The person (18-character ID number) holding this certificate number now or before, if registered. A number
 * starts with its holder's ID number: the current one is on `beneficiary`, older ones in `previous_certificate`.
 */
export function resolvePersonId(db: Db, certificateNumber: string): string | undefined {
  const number = certificateNumber.toUpperCase();
  const personId = number.slice(0, 18);
  const current = prepared<[string], { certificate_number: string }>(
    db,
    'SELECT certificate_number FROM beneficiary WHERE person_id = ?',
  ).get(personId);
  if (current?.certificate_number === number) return personId;
  return prepared<[string], { person_id: string }>(
    db,
    'SELECT person_id FROM previous_certificate WHERE certificate_number = ?',
  ).get(number)?.person_id;
}

/**
 * One row per entitlement (one row with null entitlement columns if there is none): the person's columns,
 * the numbers they held before (comma-joined, oldest first: the numbers starting with the ID number; a number
 * is digits and X, never a comma) and one entitlement, in the answer's order.
 */
interface PersonEntitlementRow extends Omit<PersonRow, 'person_id'>, Partial<EntitlementRow> {
  previous: string | null;
}

/**
 * The whole answer in one statement, so one read transaction (paid sums: no row until a line is approved): each statement outside a transaction is its own,
 * and starting one (a shared lock taken and released with fcntl, a stat) cost more than the lookups — three
 * statements made the SQLite share of a GET ~45 µs, one makes it ~28.
 */
const PERSON_WITH_ENTITLEMENTS = `SELECT b.certificate_number, b.name, b.township, b.bank_account, b.birth_date, b.sex,
    b.category, b.grade,
    (SELECT group_concat(certificate_number, ',' ORDER BY seq) FROM previous_certificate
      WHERE certificate_number > b.person_id AND certificate_number < b.person_id || '~') AS previous,
    e.program_code, e.year, e.tier, e.entitled_fen, coalesce(p.paid_fen, 0) AS paid_fen,
    coalesce(p.paid_upper_fen, 0) AS paid_upper_fen, coalesce(p.paid_fen - p.paid_upper_fen, 0) AS paid_county_fen
  FROM beneficiary b LEFT JOIN entitlement e ON e.person_id = b.person_id
    LEFT JOIN entitlement_paid p ON p.program_code = e.program_code AND p.year = e.year AND p.person_id = e.person_id
  WHERE b.person_id = ? ORDER BY e.year, e.program_code`;

/** GET /beneficiaries/{cert}: the person (found by any number they have held) with their entitlements. */
export function getBeneficiary(db: Db, certificateNumber: string): BeneficiaryView | undefined {
  // Usually the number asked for is the current one: the person's rows answer both questions at once.
  const number = certificateNumber.toUpperCase();
  const statement = prepared<[string], PersonEntitlementRow>(db, PERSON_WITH_ENTITLEMENTS);
  let rows = statement.all(number.slice(0, 18));
  if (rows[0]?.certificate_number !== number) {
    const personId = resolvePersonId(db, certificateNumber);
    rows = personId === undefined ? [] : statement.all(personId);
  }
  const p = rows[0];
  if (p === undefined) return undefined;
  return {
    certificateNumber: p.certificate_number,
    name: p.name,
    township: p.township,
    bankAccount: p.bank_account,
    birthDate: p.birth_date,
    sex: p.sex,
    category: p.category,
    grade: p.grade,
    previousCertificateNumbers: p.previous === null ? [] : p.previous.split(','),
    entitlements: p.program_code == null ? [] : rows.map((e) => toEntitlementView(e as EntitlementRow)),
  };
}

function toEntitlementView(e: EntitlementRow): EntitlementView {
  return {
    programCode: e.program_code,
    year: e.year,
    tier: e.tier,
    entitled: fenToMoney(e.entitled_fen),
    paid: fenToMoney(e.paid_fen),
    outstanding: fenToMoney(e.entitled_fen - e.paid_fen),
    funding: { upper: fenToMoney(e.paid_upper_fen), county: fenToMoney(e.paid_county_fen) },
  };
}

/**
 * GET /beneficiaries: in registration order, `limit` per page. Filters combine (AND); `programCode` and/or
 * `year` keep people enrolled in a matching program-year.
 */
export function listBeneficiaries(
  db: Db,
  filter: BeneficiaryFilter,
): { items: BeneficiaryListItem[]; nextCursor: string | null } {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: filter.limit + 1 };
  if (filter.township !== undefined) {
    where.push('b.township = @township');
    params.township = filter.township;
  }
  if (filter.programCode !== undefined || filter.year !== undefined) {
    const on = ['e.person_id = b.person_id'];
    if (filter.programCode !== undefined) {
      on.push('e.program_code = @programCode');
      params.programCode = filter.programCode;
    }
    if (filter.year !== undefined) {
      on.push('e.year = @year');
      params.year = filter.year;
    }
    where.push(`EXISTS (SELECT 1 FROM entitlement e WHERE ${on.join(' AND ')})`);
  }
  const q = filter.q?.trim();
  if (q) {
    // A name substring, or a prefix of the current or an earlier certificate number.
    where.push(
      `(b.name LIKE @like ESCAPE '\\' OR substr(b.certificate_number, 1, @length) = @number
        OR b.person_id IN (SELECT person_id FROM previous_certificate
          WHERE certificate_number >= @number AND certificate_number < @numberEnd))`,
    );
    params.like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.number = q.toUpperCase();
    params.length = q.length;
    params.numberEnd = `${q.toUpperCase()}~`; // '~' sorts after every digit and X
  }
  if (filter.cursor !== undefined) {
    where.push('b.seq > @after');
    params.after = decodeCursor('beneficiaries', filter.cursor);
  }
  const sql = `SELECT b.seq, b.certificate_number, b.name, b.township, b.category, b.grade FROM beneficiary b
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY b.seq LIMIT @limit`;
  const rows = prepared<[Record<string, string | number>], PersonRow & { seq: number }>(db, sql).all(params);
  return page('beneficiaries', rows, filter.limit, (r) => ({
    certificateNumber: r.certificate_number,
    name: r.name,
    township: r.township,
    category: r.category,
    grade: r.grade,
  }));
}
