import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
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
export class TimeTravel implements OnApplicationShutdown {
  /**
   * The scratch database a person's own stream is replayed into, kept from one answer to the next, each
   * answer's rows rolled back after it. A new database per answer (schema, statements, close) was ~60 % of
   * an answer's CPU, and its ~20 native handles a time survived the young-generation collections that met them
   * (collections of 2–5 ms, ~9 % of the young generation copied, in the asOf bench).
   */
  private personScratch: Database.Database | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
  ) {}

  onApplicationShutdown(): void {
    this.personScratch?.close();
    this.personScratch = undefined;
  }

  async beneficiaryAsOf(certificateNumber: string, asOf: string): Promise<BeneficiaryView | undefined> {
    const personId = resolvePersonId(this.db, certificateNumber);
    if (personId === undefined) return undefined;
    const own = await readStreamFrom(this.store, beneficiaryStream(personId));
    const person = this.replayPerson(own, asOf, (scratch) => getBeneficiary(scratch, certificateNumber));
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

  /**
   * Replays a person's own events up to the end of `asOf` into the kept scratch database, answers `read`
   * from it, and rolls the rows back. All of it is synchronous, so no other answer runs in between. After a
   * failure the database is dropped, not reused: a projection may still hold rows of the failed replay
   * (BufferedRows) that must never reach another answer.
   */
  private replayPerson<T>(events: RecordedEvent[], asOf: string, read: (db: Database.Database) => T): T {
    const cutoff = endOfDayShanghai(asOf);
    const scratch = (this.personScratch ??= scratchDbOf(PERSON_PROJECTIONS));
    let reusable = false;
    scratch.exec('BEGIN');
    try {
      applyEvents(
        scratch,
        PERSON_PROJECTIONS,
        events.filter((e) => Date.parse(recordedAt(e)) < cutoff),
      );
      const answer = read(scratch);
      reusable = true;
      return answer;
    } finally {
      if (reusable) scratch.exec('ROLLBACK');
      else {
        if (this.personScratch === scratch) this.personScratch = undefined;
        scratch.close();
      }
    }
  }
}

/** A person's own record, and the (empty) table getBeneficiary reads their entitlements from. */
const PERSON_PROJECTIONS: readonly ReadModelProjection[] = [beneficiariesProjection, entitlementsProjection];

function scratchDbOf(projections: readonly ReadModelProjection[]): Database.Database {
  const db = scratchDb();
  resetReadModels(db, projections);
  return db;
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
