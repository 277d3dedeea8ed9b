import type Database from 'better-sqlite3';
import { fenToMoney } from '../read-models/fen';
import { prepared } from '../read-models/queries/prepared';
import type { ReportFilter, TownshipsReportRow } from './report-types';

interface TownshipRow {
  township: string;
  persons: number;
  enrolled: number;
  paid_persons: number;
  paid_fen: number;
}

/** Chinese township names in pinyin order (梅山 Méishān before 南溪 Nánxī), as a county report lists them. */
const byPinyin = new Intl.Collator('zh-Hans-CN').compare;

/**
 * Per township, by each person's current township: persons registered (持证人数), and of them those enrolled
 * in the year's program-years (or in `programCode`'s), those paid, and the amount paid. Distinct persons:
 * someone in two programs counts once. Computed from `beneficiary`, `entitlement` and `entitlement_paid` (no
 * row: nothing paid) when asked, so a township change moves the person's figures with them.
 */
export function buildTownshipsReport(db: Database.Database, filter: ReportFilter): TownshipsReportRow[] {
  const program = filter.programCode === undefined ? '' : 'AND e.program_code = @programCode';
  const rows = prepared<[Record<string, string | number>], TownshipRow>(
    db,
    `SELECT b.township, COUNT(*) AS persons, COUNT(e.person_id) AS enrolled,
       COALESCE(SUM(e.live_lines > 0), 0) AS paid_persons, COALESCE(SUM(e.paid_fen), 0) AS paid_fen
     FROM beneficiary b LEFT JOIN (
       SELECT e.person_id, SUM(p.live_lines) AS live_lines, SUM(p.paid_fen) AS paid_fen
       FROM entitlement e LEFT JOIN entitlement_paid p
         ON p.program_code = e.program_code AND p.year = e.year AND p.person_id = e.person_id
       WHERE e.year = @year ${program} GROUP BY e.person_id
     ) e ON e.person_id = b.person_id
     GROUP BY b.township`,
  ).all(
    filter.programCode === undefined
      ? { year: filter.year }
      : { year: filter.year, programCode: filter.programCode },
  );
  return rows
    .sort((a, b) => byPinyin(a.township, b.township) || (a.township < b.township ? -1 : 1))
    .map((r) => ({
      township: r.township,
      year: filter.year,
      persons: r.persons,
      enrolled: r.enrolled,
      paidPersons: r.paid_persons,
      paidAmount: fenToMoney(r.paid_fen),
    }));
}
