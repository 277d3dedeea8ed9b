import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../port/event-store.port';

/** A read model: tables in the local read-model database, fed event by event in log order. */
export interface Projection {
  readonly name: string;
  /** Bump when the projection's tables or meaning change: the runner drops and rebuilds it. */
  readonly version: number;
  setup(db: Database.Database): void;
  drop(db: Database.Database): void;
  /** Synchronous, inside the runner's transaction (which also moves the checkpoint). */
  apply(db: Database.Database, event: RecordedEvent): void;
}
