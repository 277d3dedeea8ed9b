import { Body, Controller, Get, HttpCode, Param, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@subsidy/event-store';
import {
  ChangeBankAccountCommand,
  ChangeTownshipCommand,
  ReassessBeneficiaryCommand,
  RegisterBeneficiaryCommand,
} from '@subsidy/ledger/registry/commands/registry.commands';
import { GetBeneficiaryHistoryQuery, GetBeneficiaryQuery, ListBeneficiariesQuery } from '@subsidy/ledger/queries/queries';
import type { User } from '@subsidy/ledger/users/role';
import { Roles } from '../http/auth/roles.decorator';
import { Ctx } from '../http/auth/command-context.decorator';
import { CurrentUser } from '../http/auth/current-user.decorator';
import { InvalidInputError } from '../http/problem/problem';
import { isCalendarDate } from '../http/validation/common.validators';
import { parseLimit, parseOptionalPosition, parseYear } from '../http/validation/params';
import { RegisterBeneficiaryDto } from './dto/register-beneficiary.dto';
import { ReassessBeneficiaryDto } from './dto/reassess-beneficiary.dto';
import { ChangeBankAccountDto, ChangeTownshipDto } from './dto/change-details.dto';
import { ListBeneficiariesQuery as ListQueryDto } from './dto/list-beneficiaries.query';
import { IdempotentPost } from '../http/idempotency/idempotent-post.decorator';

@ApiTags('beneficiaries')
@ApiBearerAuth()
@Controller('api/v1/beneficiaries')
export class BeneficiariesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @IdempotentPost()
  @Roles('clerk')
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a person; birth date, sex, category and grade come from the certificate number' })
  register(@Body() body: RegisterBeneficiaryDto, @Ctx() ctx: CommandContext): Promise<unknown> {
    return this.commands.execute(new RegisterBeneficiaryCommand(ctx, body));
  }

  @Get()
  @ApiOperation({ summary: 'Search people by township, program-year, name or certificate number' })
  list(@Query() query: ListQueryDto, @CurrentUser() user: User): Promise<unknown> {
    return this.queries.execute(
      new ListBeneficiariesQuery(
        {
          township: query.township,
          programCode: query.programCode,
          year: query.year === undefined ? undefined : parseYear(query.year),
          q: query.q,
          limit: parseLimit(query.limit),
          cursor: query.cursor,
        },
        { minPosition: parseOptionalPosition(query.minPosition), user },
      ),
    );
  }

  @Get(':cert')
  @ApiOperation({ summary: 'A person with their entitlements; ?asOf=DATE as it stood at the end of that day' })
  @ApiQuery({ name: 'asOf', required: false })
  get(
    @Param('cert') cert: string,
    @CurrentUser() user: User,
    @Query('asOf') asOf?: string,
    @Query('minPosition') minPosition?: string,
  ): Promise<unknown> {
    if (asOf !== undefined && !isCalendarDate(asOf)) {
      throw new InvalidInputError([{ field: 'asOf', message: 'must be a date YYYY-MM-DD' }]);
    }
    return this.queries.execute(
      new GetBeneficiaryQuery(cert, { asOf, user, minPosition: parseOptionalPosition(minPosition) }),
    );
  }

  @Get(':cert/history')
  @ApiOperation({ summary: 'Every event about the person, oldest first' })
  history(
    @Param('cert') cert: string,
    @CurrentUser() user: User,
    @Query('minPosition') minPosition?: string,
  ): Promise<unknown> {
    return this.queries.execute(
      new GetBeneficiaryHistoryQuery(cert, { user, minPosition: parseOptionalPosition(minPosition) }),
    );
  }

  @IdempotentPost(':cert/reassessment')
  @Roles('clerk')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a re-assessment: new category/grade, new certificate number; the old one still resolves' })
  reassess(@Param('cert') cert: string, @Body() body: ReassessBeneficiaryDto, @Ctx() ctx: CommandContext): Promise<unknown> {
    return this.commands.execute(new ReassessBeneficiaryCommand({ ...ctx, reason: body.reason }, cert, body));
  }

  @IdempotentPost(':cert/bank-account')
  @Roles('clerk')
  @HttpCode(201)
  @ApiOperation({ summary: 'Change the bank account payments go to (who, when, why are recorded)' })
  changeBankAccount(@Param('cert') cert: string, @Body() body: ChangeBankAccountDto, @Ctx() ctx: CommandContext): Promise<unknown> {
    return this.commands.execute(new ChangeBankAccountCommand({ ...ctx, reason: body.reason }, cert, body));
  }

  @IdempotentPost(':cert/township')
  @Roles('clerk')
  @HttpCode(201)
  @ApiOperation({ summary: 'Change the township (who, when, why are recorded)' })
  changeTownship(@Param('cert') cert: string, @Body() body: ChangeTownshipDto, @Ctx() ctx: CommandContext): Promise<unknown> {
    return this.commands.execute(new ChangeTownshipCommand({ ...ctx, reason: body.reason }, cert, body));
  }
}
