import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { buildReport } from '../../reports';
import { GetReportQuery } from '../queries';
import { READ_MODEL_DB } from '../../infrastructure/tokens';
import { ReadYourWrites } from '../../consistency/read-your-writes';
import { TimeTravel } from '../../time-travel/time-travel';

/** Reports from the live read models, or `asOf` a day from a replay of the log to that day's end. */
@QueryHandler(GetReportQuery)
export class GetReportHandler implements IQueryHandler<GetReportQuery, unknown[]> {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    @Inject(ReadYourWrites) private readonly readYourWrites: ReadYourWrites,
    @Inject(TimeTravel) private readonly timeTravel: TimeTravel,
  ) {}

  async execute({ report, filter, options }: GetReportQuery): Promise<unknown[]> {
    await this.readYourWrites.awaitReadable(options.minPosition);
    const { asOf, ...rest } = filter;
    if (asOf !== undefined) return this.timeTravel.wholeLogAsOf(asOf, (db) => buildReport(db, report, rest));
    return buildReport(this.db, report, rest);
  }
}
