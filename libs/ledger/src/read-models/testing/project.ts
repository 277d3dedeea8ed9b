import Database from 'better-sqlite3';
import type { RecordedEvent } from '@subsidy/event-store/port/event-store.port';
import { allProjections } from '../index';
import { applyEvents, resetReadModels } from '../replay';

/** A fresh in-memory read-model database with `events` projected into it. */
export function projected(events: readonly RecordedEvent[]): Database.Database {
  const db = new Database(':memory:');
  resetReadModels(db, allProjections());
  applyEvents(db, allProjections(), events);
  return db;
}
