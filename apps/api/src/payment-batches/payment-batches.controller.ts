import { Body, Controller, Get, HttpCode, Param, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandContext } from '@subsidy/event-store';
import {
  ApprovePaymentBatchCommand,
  DraftPaymentBatchCommand,
  RecordBankReturnCommand,
} from '@subsidy/ledger/disbursement/commands/disbursement.commands';
import {
  GetBankFileQuery,
  GetPaymentBatchHistoryQuery,
  GetPaymentBatchQuery,
  ListPaymentBatchesQuery,
} from '@subsidy/ledger/queries/queries';
import type { User } from '@subsidy/ledger/users/role';
import { Roles } from '../http/auth/roles.decorator';
import { Ctx } from '../http/auth/command-context.decorator';
import { CurrentUser } from '../http/auth/current-user.decorator';
import { InvalidInputError } from '../http/problem/problem';
import { parseLimit, parseOptionalPosition, parseYear } from '../http/validation/params';
import { DraftPaymentBatchDto } from './dto/draft-payment-batch.dto';
import { BankReturnsDto } from './dto/bank-returns.dto';
import { ListBatchesQuery } from './dto/list-batches.query';
import { IdempotentPost } from '../http/idempotency/idempotent-post.decorator';

@ApiTags('payment batches')
@ApiBearerAuth()
@Controller('api/v1/payment-batches')
export class PaymentBatchesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @IdempotentPost()
  @Roles('clerk')
  @HttpCode(201)
  @ApiOperation({ summary: 'Draft a batch (maker): explicit lines or payOutstanding; reserves nothing' })
  draft(@Body() body: DraftPaymentBatchDto, @Ctx() ctx: CommandContext): Promise<unknown> {
    if (body.lines !== undefined && body.payOutstanding !== undefined) {
      throw new InvalidInputError([{ field: 'payOutstanding', message: 'give lines or payOutstanding, not both' }]);
    }
    return this.commands.execute(new DraftPaymentBatchCommand(ctx, body));
  }

  @Get()
  @ApiOperation({ summary: 'Batches, newest first' })
  list(@Query() query: ListBatchesQuery): Promise<unknown> {
    return this.queries.execute(
      new ListPaymentBatchesQuery(
        {
          programCode: query.programCode,
          year: query.year === undefined ? undefined : parseYear(query.year),
          status: query.status,
          limit: parseLimit(query.limit),
          cursor: query.cursor,
        },
        { minPosition: parseOptionalPosition(query.minPosition) },
      ),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'A batch with its lines, their status and funding split' })
  get(@Param('id') id: string, @Query('minPosition') minPosition?: string): Promise<unknown> {
    return this.queries.execute(new GetPaymentBatchQuery(id, { minPosition: parseOptionalPosition(minPosition) }));
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every event about the batch, oldest first' })
  history(@Param('id') id: string, @CurrentUser() user: User, @Query('minPosition') minPosition?: string): Promise<unknown> {
    return this.queries.execute(
      new GetPaymentBatchHistoryQuery(id, { user, minPosition: parseOptionalPosition(minPosition) }),
    );
  }

  @IdempotentPost(':id/approval')
  @Roles('approver')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve (checker, not the maker): re-checks every rule atomically, records the payments' })
  approve(@Param('id') id: string, @Ctx() ctx: CommandContext): Promise<unknown> {
    return this.commands.execute(new ApprovePaymentBatchCommand(ctx, id));
  }

  @Get(':id/bank-file')
  @Roles('clerk', 'approver', 'auditor')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'CSV for the bank: line id, masked ID number, name, full account, amount; a total row' })
  async bankFile(
    @Param('id') id: string,
    @Res({ passthrough: true }) res: Response,
    @Query('minPosition') minPosition?: string,
  ): Promise<string> {
    const file = await this.queries.execute<GetBankFileQuery, { filename: string; csv: string }>(
      new GetBankFileQuery(id, { minPosition: parseOptionalPosition(minPosition) }),
    );
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    return file.csv;
  }

  @IdempotentPost(':id/bank-returns')
  @Roles('clerk')
  @HttpCode(200)
  @ApiOperation({ summary: "Record the bank's answer per line; a failed line's money goes back" })
  bankReturns(@Param('id') id: string, @Body() body: BankReturnsDto, @Ctx() ctx: CommandContext): Promise<unknown> {
    return this.commands.execute(new RecordBankReturnCommand(ctx, id, body.lines));
  }
}
