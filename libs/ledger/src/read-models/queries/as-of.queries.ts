import type Database from 'better-sqlite3';
import { fenToMoney } from '../fen';
import type { EntitlementView } from './beneficiaries.queries';
import { prepared } from './prepared';

type Db = Database.Database;

/**
 * A person's entitlements as they stood when `before` (an ISO instant: the end of an `asOf` day) was reached,
 * from the live read model: each enrollment recorded before then, and per program-year the net of the
 * person's payment lines — approved before then, less those failed or reversed before then. A line's amount
 * and split never change once approved, and the entitlements projection adds and takes back exactly these,
 * so this is what a replay of the log up to `before` gives, without replaying the batches' drafts.
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
    { program_code: string; year: number; amount: number; upper: number; county: number }
  >(
    db,
    `SELECT b.program_code, b.year, SUM(l.amount_fen) AS amount, SUM(l.upper_fen) AS upper, SUM(l.county_fen) AS county
     FROM payment_line l
     JOIN payment_batch b ON b.batch_id = l.batch_id
     LEFT JOIN batch_event r ON r.batch_id = l.batch_id AND r.position = l.returned_seq
     LEFT JOIN batch_event v ON v.batch_id = l.batch_id AND v.position = l.reversed_seq
     WHERE l.person_id = @personId AND b.approved_at < @before
       AND NOT (l.status = 'failed' AND r.recorded_at < @before)
       AND NOT (l.status = 'reversed' AND v.recorded_at < @before)
     GROUP BY b.program_code, b.year`,
  ).all({ personId, before });
  const paidBy = new Map(paid.map((p) => [`${p.program_code}\n${p.year}`, p]));
  return enrolled.map((e) => {
    const p = paidBy.get(`${e.program_code}\n${e.year}`);
    const [amount, upper, county] = p ? [p.amount, p.upper, p.county] : [0, 0, 0];
    return {
      programCode: e.program_code,
      year: e.year,
      tier: e.tier,
      entitled: fenToMoney(e.entitled_fen),
      paid: fenToMoney(amount),
      outstanding: fenToMoney(e.entitled_fen - amount),
      funding: { upper: fenToMoney(upper), county: fenToMoney(county) },
    };
  });
}
