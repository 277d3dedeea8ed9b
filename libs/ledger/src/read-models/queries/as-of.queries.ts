import type Database from 'better-sqlite3';
import { fenToMoney } from '../fen';
import { UPPER_FEN_SQL } from '../line-splits';
import type { EntitlementView } from './beneficiaries.queries';
import { prepared } from './prepared';

type Db = Database.Database;

/**
 * A person's entitlements as they stood when `before` (an ISO instant: the end of an `asOf` day) was reached,
 * from the live read model: each enrollment recorded before then, and per program-year the net of the
 * person's payment lines — approved before then, less those failed or reversed before then (a line's county
 * part is its amount less its upper part). A line's amount and split never change once approved, and the
 * entitlements projection adds and takes back exactly these, so this is what a replay of the log up to
 * `before` gives, without replaying the batches' drafts.
 */
export function entitlementsBefore(db: Db, personId: string, before: string): EntitlementView[] {
  const enrolled = prepared<
    [string, string],
    { program_code: string; year: number; tier: string; entitled_fen: number }
  >(
    db,
    `SELECT program_code, year, tier, entitled_fen FROM entitlement
     WHERE person_id = ? AND enrolled_at < ? ORDER BY year, program_code`,
  ).all(personId, before);
  if (enrolled.length === 0) return [];
  const paid = prepared<
    { personId: string; before: string },
    { program_code: string; year: number; amount: number; upper: number }
  >(
    db,
    `SELECT b.program_code, b.year, SUM(l.amount_fen) AS amount, SUM(${UPPER_FEN_SQL}) AS upper
     FROM payment_line l
     JOIN payment_batch b ON b.seq = l.batch_seq
     WHERE l.person_id = @personId AND b.approved_at < @before
       AND NOT EXISTS (SELECT 1 FROM payment_outcome o
         JOIN batch_event v ON v.batch_id = b.batch_id AND v.position = o.seq
         WHERE o.batch_seq = l.batch_seq AND o.line_no = l.line_no AND v.recorded_at < @before)
     GROUP BY b.program_code, b.year`,
  ).all({ personId, before });
  const paidBy = new Map(paid.map((p) => [`${p.program_code}\n${p.year}`, p]));
  return enrolled.map((e) => {
    const p = paidBy.get(`${e.program_code}\n${e.year}`);
    const [amount, upper] = p ? [p.amount, p.upper] : [0, 0];
    return {
      programCode: e.program_code,
      year: e.year,
      tier: e.tier,
      entitled: fenToMoney(e.entitled_fen),
      paid: fenToMoney(amount),
      outstanding: fenToMoney(e.entitled_fen - amount),
      funding: { upper: fenToMoney(upper), county: fenToMoney(amount - upper) },
    };
  });
}
