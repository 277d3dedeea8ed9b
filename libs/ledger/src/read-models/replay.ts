import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@subsidy/event-store/port/event-store.port';
import type { ReadModelProjection } from './projection';

type Db = Database.Database;

/** Drops and recreates the projections' tables (a rebuild starts here). */
export function resetReadModels(db: Db, projections: readonly ReadModelProjection[]): void {
  db.transaction(() => {
    for (const p of projections) p.drop(db);
    for (const p of projections) p.setup(db);
  })();
}

/**
 * Applies events in log order to every projection, in one transaction: for a replay into a scratch database
 * (`asOf` answers, `verify`) and for tests. The live path is the projection runner, which does the same in
 * batches and keeps checkpoints.
 */
export function applyEvents(
  db: Db,
  projections: readonly ReadModelProjection[],
  events: Iterable<RecordedEvent>,
): void {
  db.transaction(() => {
    let last: bigint | undefined;
    for (const e of events) {
      for (const p of projections) p.apply(db, e);
      last = e.position;
    }
    if (last !== undefined) for (const p of projections) p.flush?.(db, last);
  })();
}
