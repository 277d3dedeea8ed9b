import { Body, Controller, Get, HttpCode, Param, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandContext } from '@subsidy/event-store';
import { OpenProgramYearCommand, RecordAllocationCommand } from '@subsidy/ledger/programs/commands/program.commands';
import { ListProgramsQuery } from '@subsidy/ledger/queries/queries';
import { Roles } from '../http/auth/roles.decorator';
import { Ctx } from '../http/auth/command-context.decorator';
import { parseOptionalPosition, parseProgramCode, parseYear } from '../http/validation/params';
import { PutProgramYearDto } from './dto/put-program-year.dto';
import { RecordAllocationDto } from './dto/record-allocation.dto';
import { IdempotentPost } from '../http/idempotency/idempotent-post.decorator';

@ApiTags('programs')
@ApiBearerAuth()
@Controller('api/v1/programs')
export class ProgramsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The catalogue, with each program-year opened for ?year' })
  @ApiQuery({ name: 'year', required: false })
  list(@Query('year') year?: string, @Query('minPosition') minPosition?: string): Promise<unknown> {
    return this.queries.execute(
      new ListProgramsQuery(year === undefined ? undefined : parseYear(year), {
        minPosition: parseOptionalPosition(minPosition),
      }),
    );
  }

  @Put(':code/years/:year')
  @Roles('finance-admin')
  @ApiOperation({ summary: 'Open a program-year (201) or amend it (200): quota, rates per tier, funding plan' })
  async open(
    @Param('code') code: string,
    @Param('year') year: string,
    @Body() body: PutProgramYearDto,
    @Ctx() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const result = await this.commands.execute<OpenProgramYearCommand, { created: boolean; programYear: unknown }>(
      new OpenProgramYearCommand(ctx, parseProgramCode(code, 'code'), parseYear(year), body),
    );
    res.status(result.created ? 201 : 200);
    return result.programYear;
  }

  @IdempotentPost(':code/years/:year/allocations')
  @Roles('finance-admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record money received from upper-level (上级拨付) or county (县级配套)' })
  allocate(
    @Param('code') code: string,
    @Param('year') year: string,
    @Body() body: RecordAllocationDto,
    @Ctx() ctx: CommandContext,
  ): Promise<unknown> {
    return this.commands.execute(new RecordAllocationCommand(ctx, parseProgramCode(code, 'code'), parseYear(year), body));
  }
}
