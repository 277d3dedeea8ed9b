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

/** GET /beneficiaries/{cert}: the person (found by any number they have held) with their entitlements. */
export function getBeneficiary(db: Db, certificateNumber: string): BeneficiaryView | undefined {
  // Usually the number asked for is the current one: the person's row answers both questions at once.
  const number = certificateNumber.toUpperCase();
  let p = prepared<[string], PersonRow>(db, 'SELECT * FROM beneficiary WHERE person_id = ?').get(
    number.slice(0, 18),
  );
  if (p?.certificate_number !== number) {
    const personId = resolvePersonId(db, certificateNumber);
    p =
      personId === undefined
        ? undefined
        : prepared<[string], PersonRow>(db, 'SELECT * FROM beneficiary WHERE person_id = ?').get(personId);
  }
  if (p === undefined) return undefined;
  const personId = p.person_id;
  const previous = prepared<[string, string], { certificate_number: string }>(
    db,
    `SELECT certificate_number FROM previous_certificate
     WHERE certificate_number > ? AND certificate_number < ? ORDER BY seq`,
  ).all(personId, `${personId}~`); // the numbers starting with the ID number
  const entitlements = prepared<[string], EntitlementRow>(
    db,
    `SELECT program_code, year, tier, entitled_fen, paid_fen, paid_upper_fen, paid_county_fen
     FROM entitlement WHERE person_id = ? ORDER BY year, program_code`,
  ).all(personId);
  return {
    certificateNumber: p.certificate_number,
    name: p.name,
    township: p.township,
    bankAccount: p.bank_account,
    birthDate: p.birth_date,
    sex: p.sex,
    category: p.category,
    grade: p.grade,
    previousCertificateNumbers: previous.map((r) => r.certificate_number),
    entitlements: entitlements.map(toEntitlementView),
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
