import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import type { EventStore } from '@subsidy/event-store';
import { notFound } from '@subsidy/domain/program-year/refusals';
import { lineIdOf } from '@subsidy/domain/disbursement';
import { batchEventRefs, getPaymentLine, personEventRefs, resolvePersonId, type BatchLineView } from '../../read-models';
import { GetBeneficiaryHistoryQuery, GetPaymentBatchHistoryQuery } from '../queries';
import { EVENT_STORE, READ_MODEL_DB } from '../../infrastructure/tokens';
import { ReadYourWrites } from '../../consistency/read-your-writes';
import { readEventAt } from '../../time-travel/read-event-at';
import { historyEntry, type HistoryEntry } from '../../history/history-entry';
import { personSlice } from '../../history/person-slice';
import { draftChunkView } from '../../history/draft-chunk-view';
import { seesPersonalData } from '../personal-data';

/**
 * GET /beneficiaries/{cert}/history: every event about the person, oldest first, read from the log (the read
 * model only indexes where they are). Personal numbers masked for roles other than clerk.
 */
@QueryHandler(GetBeneficiaryHistoryQuery)
export class GetBeneficiaryHistoryHandler implements IQueryHandler<GetBeneficiaryHistoryQuery, HistoryEntry[]> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    @Inject(ReadYourWrites) private readonly readYourWrites: ReadYourWrites,
  ) {}

  async execute({ certificateNumber, options }: GetBeneficiaryHistoryQuery): Promise<HistoryEntry[]> {
    await this.readYourWrites.awaitReadable(options.minPosition);
    const personId = resolvePersonId(this.db, certificateNumber);
    if (personId === undefined) throw notFound(`no beneficiary with certificate number ${certificateNumber}`);
    const mask = !seesPersonalData(options.user);
    const linesOf = (batchId: string, lineNos: readonly number[]): BatchLineView[] =>
      lineNos.map((n) => getPaymentLine(this.db, lineIdOf(batchId, n))).filter((l): l is NonNullable<typeof l> => !!l);
    const entries: HistoryEntry[] = [];
    for (const ref of personEventRefs(this.db, personId)) {
      const event = await readEventAt(this.store, ref.position);
      if (!event) continue;
      entries.push(historyEntry(event, personSlice(event, personId, ref.lineNos, linesOf), mask));
    }
    return entries;
  }
}

/** GET /payment-batches/{id}/history: the draft, its approval, bank returns and reversals, oldest first. */
@QueryHandler(GetPaymentBatchHistoryQuery)
export class GetPaymentBatchHistoryHandler implements IQueryHandler<GetPaymentBatchHistoryQuery, HistoryEntry[]> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    @Inject(ReadYourWrites) private readonly readYourWrites: ReadYourWrites,
  ) {}

  async execute({ batchId, options }: GetPaymentBatchHistoryQuery): Promise<HistoryEntry[]> {
    await this.readYourWrites.awaitReadable(options.minPosition);
    const refs = batchEventRefs(this.db, batchId);
    if (refs.length === 0) throw notFound(`payment batch ${batchId} does not exist`);
    const mask = !seesPersonalData(options.user);
    const entries: HistoryEntry[] = [];
    for (const ref of refs) {
      const event = await readEventAt(this.store, ref.position);
      if (!event) continue;
      const data = event.type === 'PaymentBatchLinesDrafted' ? draftChunkView(event.data) : event.data;
      entries.push(historyEntry(event, data, mask));
    }
    return entries;
  }
}
