import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { notFound } from '@subsidy/domain/program-year/refusals';
import { getPaymentBatch, listPaymentBatches, listPrograms, type BatchView, type ProgramListItem } from '../../read-models';
import { GetPaymentBatchQuery, ListPaymentBatchesQuery, ListProgramsQuery } from '../queries';
import { READ_MODEL_DB } from '../../infrastructure/tokens';
import { ReadYourWrites } from '../../consistency/read-your-writes';

@QueryHandler(ListPaymentBatchesQuery)
export class ListPaymentBatchesHandler implements IQueryHandler<ListPaymentBatchesQuery> {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    @Inject(ReadYourWrites) private readonly readYourWrites: ReadYourWrites,
  ) {}

  async execute({ filter, options }: ListPaymentBatchesQuery): Promise<ReturnType<typeof listPaymentBatches>> {
    await this.readYourWrites.awaitReadable(options.minPosition);
    return listPaymentBatches(this.db, filter);
  }
}

@QueryHandler(GetPaymentBatchQuery)
export class GetPaymentBatchHandler implements IQueryHandler<GetPaymentBatchQuery, BatchView> {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    @Inject(ReadYourWrites) private readonly readYourWrites: ReadYourWrites,
  ) {}

  async execute({ batchId, options }: GetPaymentBatchQuery): Promise<BatchView> {
    await this.readYourWrites.awaitReadable(options.minPosition);
    const batch = getPaymentBatch(this.db, batchId);
    if (!batch) throw notFound(`payment batch ${batchId} does not exist`);
    return batch;
  }
}

@QueryHandler(ListProgramsQuery)
export class ListProgramsHandler implements IQueryHandler<ListProgramsQuery, ProgramListItem[]> {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    @Inject(ReadYourWrites) private readonly readYourWrites: ReadYourWrites,
  ) {}

  async execute({ year, options }: ListProgramsQuery): Promise<ProgramListItem[]> {
    await this.readYourWrites.awaitReadable(options.minPosition);
    return listPrograms(this.db, year);
  }
}
