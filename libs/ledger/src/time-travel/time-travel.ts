import { Inject, Injectable } from '@nestjs/common';
import Database from 'better-sqlite3';
import type { EventStore, RecordedEvent } from '@subsidy/event-store';
import { beneficiaryStream } from '@subsidy/domain/events/streams';
import {
  allProjections,
  applyEvents,
  entitlementsBefore,
  getBeneficiary,
  resetReadModels,
  resolvePersonId,
  type BeneficiaryView,
  type ReadModelProjection,
} from '../read-models';
import { beneficiariesProjection } from '../read-models/projections/beneficiaries.projection';
import { entitlementsProjection } from '../read-models/projections/entitlements.projection';
import { readStreamFrom } from '../infrastructure/stream-reader';
import { EVENT_STORE, READ_MODEL_DB } from '../infrastructure/tokens';
import { endOfDayShanghai } from './as-of';

/**
 * `asOf` answers come from the log, not from today's read models: the events recorded by the end of the day
 * are replayed, with the same projections, into a scratch in-memory database, and the same queries read it.
 * For one person only their own stream is replayed (registration and changes); their entitlements as of the
 * day come from the live read model's rows, which record when each enrollment, approval, bank failure and
 * reversal was recorded and what each payment line took from each source (fixed once approved): replaying
 * the drafts of ten years of monthly batches for one answer cost seconds, this costs about a millisecond.
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
    const own = await readStreamFrom(this.store, beneficiaryStream(personId));
    const person = this.replay(
      own,
      asOf,
      (scratch) => getBeneficiary(scratch, certificateNumber),
      PERSON_PROJECTIONS,
    );
    if (person === undefined) return undefined;
    const before = new Date(endOfDayShanghai(asOf)).toISOString();
    return { ...person, entitlements: entitlementsBefore(this.db, personId, before) };
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

  private replay<T>(
    events: RecordedEvent[],
    asOf: string,
    read: (db: Database.Database) => T,
    projections: readonly ReadModelProjection[] = allProjections(),
  ): T {
    const cutoff = endOfDayShanghai(asOf);
    const scratch = scratchDb();
    try {
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

/** A person's own record, and the (empty) table getBeneficiary reads their entitlements from. */
const PERSON_PROJECTIONS = [beneficiariesProjection, entitlementsProjection];

function scratchDb(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('journal_mode = OFF');
  return db;
}

function recordedAt(e: RecordedEvent): string {
  const at = (e.metadata as { recordedAt?: unknown }).recordedAt;
  return typeof at === 'string' ? at : e.recordedAt.toISOString();
}
