import { Controller, Get, Headers, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { GetReportQuery, type ReportName } from '@subsidy/ledger/queries/queries';
import { renderReport, type ReportFormat } from '@subsidy/ledger/reports/render-report';
import { InvalidInputError } from '../http/problem/problem';
import { isCalendarDate } from '../http/validation/common.validators';
import { parseOptionalPosition, parseYear } from '../http/validation/params';
import { ReportQuery } from './dto/report.query';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const REPORTS: readonly ReportName[] = ['funding', 'programs', 'townships'];

/** Reports answer JSON, CSV (`Accept: text/csv`) or Excel (`Accept: …spreadsheetml.sheet`); `?lang=zh` for 中文 headers. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':report')
  @ApiOperation({ summary: 'funding | programs | townships for ?year; ?asOf=DATE replays the log to that day' })
  @ApiProduces('application/json', 'text/csv', XLSX)
  async report(
    @Param('report') report: string,
    @Query() query: ReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    if (!(REPORTS as readonly string[]).includes(report)) {
      throw new InvalidInputError([{ field: 'report', message: `must be one of ${REPORTS.join(', ')}` }]);
    }
    if (query.asOf !== undefined && !isCalendarDate(query.asOf)) {
      throw new InvalidInputError([{ field: 'asOf', message: 'must be a date YYYY-MM-DD' }]);
    }
    const rows = await this.queries.execute<GetReportQuery, unknown[]>(
      new GetReportQuery(
        report as ReportName,
        { year: parseYear(query.year), programCode: query.programCode, asOf: query.asOf },
        { minPosition: parseOptionalPosition(query.minPosition) },
      ),
    );
    const format = negotiate(query.format, accept);
    if (format === 'json') return rows;
    const rendered = await renderReport(report as ReportName, rows, format, query.lang ?? 'en');
    res.setHeader('Content-Type', rendered.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${report}-${query.year}.${format}"`);
    return typeof rendered.body === 'string' ? rendered.body : new StreamableFile(rendered.body);
  }
}

function negotiate(format: string | undefined, accept: string | undefined): ReportFormat {
  if (format === 'csv' || format === 'xlsx' || format === 'json') return format;
  const a = (accept ?? '').toLowerCase();
  if (a.includes('spreadsheetml')) return 'xlsx';
  if (a.includes('text/csv')) return 'csv';
  return 'json';
}
