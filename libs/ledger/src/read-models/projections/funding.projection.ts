import type {
  AllocationRecorded,
  BankReturnRecorded,
  FundingSource,
  PaymentBatchApproved,
  PaymentReversed,
  ProgramYearOpened,
} from '@subsidy/domain/events/program-year-events';
import type { RecordedEvent } from '@subsidy/event-store/port/event-store.port';
import type Database from 'better-sqlite3';
import { toFen } from '../fen';
import { dataOf, defineProjection, StatementCache } from '../projection';

/**
 * Money per program-year and source (上级 upper / 县级 county): `planned` (the funding plan), `allocated`
 * (received, 上级拨付 / 县级配套), `disbursed` (net: + on approval, − on failure or reversal). Available is
 * allocated − disbursed, computed when read. `allocation` keeps each receipt (文号, date).
 */
const DDL = `
CREATE TABLE IF NOT EXISTS funding_source (
  program_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('upper', 'county')),
  planned_fen INTEGER NOT NULL DEFAULT 0,
  allocated_fen INTEGER NOT NULL DEFAULT 0,
  disbursed_fen INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (program_code, year, source)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS allocation (
  allocation_id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  program_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  source TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  reference TEXT NOT NULL,
  received_on TEXT NOT NULL
) WITHOUT ROWID;
`;

const statements = new StatementCache((db) => ({
  plan: db.prepare(
    `INSERT INTO funding_source (program_code, year, source, planned_fen) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET planned_fen = excluded.planned_fen`,
  ),
  allocate: db.prepare(
    `INSERT INTO funding_source (program_code, year, source, allocated_fen) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET allocated_fen = allocated_fen + excluded.allocated_fen`,
  ),
  receipt: db.prepare(
    `INSERT INTO allocation (allocation_id, seq, program_code, year, source, amount_fen, reference, received_on)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  ),
  disburse: db.prepare(
    `INSERT INTO funding_source (program_code, year, source, disbursed_fen) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET disbursed_fen = disbursed_fen + excluded.disbursed_fen`,
  ),
}));

type Db = Database.Database;

function disburse(db: Db, programCode: string, year: number, upperFen: number, countyFen: number): void {
  const s = statements.get(db);
  s.disburse.run(programCode, year, 'upper' satisfies FundingSource, upperFen);
  s.disburse.run(programCode, year, 'county' satisfies FundingSource, countyFen);
}

function plan(db: Db, e: RecordedEvent): void {
  const d = dataOf<ProgramYearOpened>(e);
  const s = statements.get(db);
  s.plan.run(d.programCode, d.year, 'upper', toFen(d.fundingPlan.upper));
  s.plan.run(d.programCode, d.year, 'county', toFen(d.fundingPlan.county));
}

export const fundingProjection = defineProjection({
  name: 'funding',
  version: 1,
  ddl: DDL,
  tables: ['funding_source', 'allocation'],
  statements,
  reads: {
    ProgramYearOpened: ['programCode', 'year', 'fundingPlan'],
    ProgramYearAmended: ['programCode', 'year', 'fundingPlan'],
    AllocationRecorded: [
      'allocationId',
      'programCode',
      'year',
      'source',
      'amount',
      'reference',
      'receivedOn',
    ],
    PaymentBatchApproved: ['programCode', 'year', 'funding'],
    BankReturnRecorded: ['programCode', 'year', 'failed'],
    PaymentReversed: ['programCode', 'year', 'funding'],
  },
  handlers: {
    ProgramYearOpened: plan,
    ProgramYearAmended: plan,
    AllocationRecorded(db, e) {
      const d = dataOf<AllocationRecorded>(e);
      const s = statements.get(db);
      const amount = toFen(d.amount);
      if (
        s.receipt.run(
          d.allocationId,
          e.position,
          d.programCode,
          d.year,
          d.source,
          amount,
          d.reference,
          d.receivedOn,
        ).changes
      ) {
        s.allocate.run(d.programCode, d.year, d.source, amount);
      }
    },
    PaymentBatchApproved(db, e) {
      const d = dataOf<PaymentBatchApproved>(e);
      disburse(db, d.programCode, d.year, toFen(d.funding.upper), toFen(d.funding.county));
    },
    BankReturnRecorded(db, e) {
      const d = dataOf<BankReturnRecorded>(e);
      if (d.failed.length === 0) return;
      let upper = 0;
      let county = 0;
      for (const f of d.failed) {
        upper += toFen(f.funding.upper);
        county += toFen(f.funding.county);
      }
      disburse(db, d.programCode, d.year, -upper, -county);
    },
    PaymentReversed(db, e) {
      const d = dataOf<PaymentReversed>(e);
      disburse(db, d.programCode, d.year, -toFen(d.funding.upper), -toFen(d.funding.county));
    },
  },
});
