/**
 * Read models: disposable SQLite tables projected from the log, and the plain query functions over them that
 * answer the contract's GETs. Money is integer fen inside (exact sums), two-decimal strings at the edge.
 */
import type Database from 'better-sqlite3';
import { dumpReadModels as dumpTables, type ReadModelDump } from './dump';
import type { ReadModelProjection } from './projection';
import { batchEventsProjection } from './projections/batch-events.projection';
import { beneficiariesProjection } from './projections/beneficiaries.projection';
import { entitlementsProjection } from './projections/entitlements.projection';
import { fundingProjection } from './projections/funding.projection';
import { paymentBatchesProjection } from './projections/payment-batches.projection';
import { personEventsProjection } from './projections/person-events.projection';
import { programsProjection } from './projections/programs.projection';

/**
 * Every projection, in the order they must apply an event: payment-batches derives each line's split before
 * entitlements reads it.
 */
export function allProjections(): ReadModelProjection[] {
  return [
    beneficiariesProjection,
    programsProjection,
    fundingProjection,
    paymentBatchesProjection,
    entitlementsProjection,
    personEventsProjection,
    batchEventsProjection,
  ];
}

/** A deterministic dump of every read-model table (compare live read models with a fresh replay). */
export function dumpReadModels(db: Database.Database): ReadModelDump {
  return dumpTables(db, allProjections());
}

export type { ReadModelDump } from './dump';
export type { ReadModelProjection } from './projection';
export { applyEvents, resetReadModels } from './replay';
export { decimalToFen, fenToDecimal, fenToMoney, toFen, type Fen } from './fen';
export { InvalidCursorError } from './queries/cursor';
export * from './queries/beneficiaries.queries';
export * from './queries/payment-batches.queries';
export * from './queries/programs.queries';
export * from './queries/history.queries';
export * from './queries/as-of.queries';
