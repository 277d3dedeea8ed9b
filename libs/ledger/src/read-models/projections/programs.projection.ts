import type { ProgramYearOpened } from '@subsidy/domain/events/program-year-events';
import type { RecordedEvent } from '@subsidy/event-store/port/event-store.port';
import type Database from 'better-sqlite3';
import { toFen } from '../fen';
import { dataOf, defineProjection, StatementCache } from '../projection';

/**
 * Each opened program-year's configuration as it stands (an amendment carries the whole new configuration).
 * Enrolled and paid counts are not kept here: they are aggregates over `entitlement`, read when asked.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS program_year (
  program_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  quota INTEGER NOT NULL,
  rates TEXT NOT NULL,
  plan_upper_fen INTEGER NOT NULL,
  plan_county_fen INTEGER NOT NULL,
  funding_policy TEXT NOT NULL,
  opened_seq INTEGER NOT NULL,
  PRIMARY KEY (program_code, year)
) WITHOUT ROWID;
`;

const statements = new StatementCache((db) => ({
  upsert: db.prepare(
    `INSERT INTO program_year (program_code, year, quota, rates, plan_upper_fen, plan_county_fen, funding_policy,
       opened_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET quota = excluded.quota, rates = excluded.rates,
       plan_upper_fen = excluded.plan_upper_fen, plan_county_fen = excluded.plan_county_fen,
       funding_policy = excluded.funding_policy`,
  ),
}));

function configure(db: Database.Database, e: RecordedEvent): void {
  const d = dataOf<ProgramYearOpened>(e);
  statements
    .get(db)
    .upsert.run(
      d.programCode,
      d.year,
      d.quota,
      JSON.stringify(d.rates),
      toFen(d.fundingPlan.upper),
      toFen(d.fundingPlan.county),
      d.fundingPolicy,
      e.position,
    );
}

export const programsProjection = defineProjection({
  name: 'programs',
  version: 1,
  ddl: DDL,
  tables: ['program_year'],
  statements,
  reads: {
    ProgramYearOpened: ['programCode', 'year', 'quota', 'rates', 'fundingPlan', 'fundingPolicy'],
    ProgramYearAmended: ['programCode', 'year', 'quota', 'rates', 'fundingPlan', 'fundingPolicy'],
  },
  handlers: { ProgramYearOpened: configure, ProgramYearAmended: configure },
});
