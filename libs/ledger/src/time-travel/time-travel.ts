import { Inject, Injectable } from '@nestjs/common';
import Database from 'better-sqlite3';
import type { EventStore, RecordedEvent } from '@subsidy/event-store';
import {
  allProjections,
  applyEvents,
  batchEventRefs,
  getBeneficiary,
  personEventRefs,
  resetReadModels,
  resolvePersonId,
  type BeneficiaryView,
} from '../read-models';
import { EVENT_STORE, READ_MODEL_DB } from '../infrastructure/tokens';
import { endOfDayShanghai } from './as-of';
import { readEventAt } from './read-event-at';

/**
 * `asOf` answers come from the log, not from today's read models: the events recorded by the end of the day
 * are replayed, with the same projections, into a scratch in-memory database, and the same queries read it.
 * For one person only their own events (found through the live index of positions, which only says where to
 * look) and the drafts of the batches that paid them are replayed.
 */
@Injectable()
export class TimeTravel {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
  ) {}

  async beneficiaryAsOf(certificateNumber: string, asOf: string): Promise<BeneficiaryView | undefined> {
    const personId = resolvePersonId(this.db, certificateNumber);
    if (personId === undefined) return undefined;
    const positions = new Set<bigint>();
    const batches = new Set<string>();
    for (const ref of personEventRefs(this.db, personId)) {
      positions.add(ref.position);
      if (ref.batchId !== undefined) batches.add(ref.batchId);
    }
    for (const batchId of batches) for (const ref of batchEventRefs(this.db, batchId)) positions.add(ref.position);
    const events: RecordedEvent[] = [];
    for (const position of [...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const event = await readEventAt(this.store, position);
      if (event) events.push(event);
    }
    return this.replay(events, asOf, (scratch) => getBeneficiary(scratch, certificateNumber));
  }

  /** Replays the whole log up to the end of `asOf` and answers `read` from the result. */
  async wholeLogAsOf<T>(asOf: string, read: (db: Database.Database) => T): Promise<T> {
    const cutoff = endOfDayShanghai(asOf);
    const scratch = scratchDb();
    try {
      const projections = allProjections();
      resetReadModels(scratch, projections);
      let batch: RecordedEvent[] = [];
      for await (const e of this.store.readAll()) {
        if (Date.parse(recordedAt(e)) >= cutoff) continue;
        batch.push(e);
        if (batch.length >= 5000) {
          applyEvents(scratch, projections, batch);
          batch = [];
        }
      }
      applyEvents(scratch, projections, batch);
      return read(scratch);
    } finally {
      scratch.close();
    }
  }

  private replay<T>(events: RecordedEvent[], asOf: string, read: (db: Database.Database) => T): T {
    const cutoff = endOfDayShanghai(asOf);
    const scratch = scratchDb();
    try {
      const projections = allProjections();
      resetReadModels(scratch, projections);
      applyEvents(
        scratch,
        projections,
        events.filter((e) => Date.parse(recordedAt(e)) < cutoff),
      );
      return read(scratch);
    } finally {
      scratch.close();
    }
  }
}

function scratchDb(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('journal_mode = OFF');
  return db;
}

function recordedAt(e: RecordedEvent): string {
  const at = (e.metadata as { recordedAt?: unknown }).recordedAt;
  return typeof at === 'string' ? at : e.recordedAt.toISOString();
}
