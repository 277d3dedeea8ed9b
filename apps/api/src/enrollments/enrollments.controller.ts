import { Body, Controller, HttpCode } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@subsidy/event-store';
import { EnrollBeneficiaryCommand } from '@subsidy/ledger/enrollment/commands/enroll-beneficiary.command';
import { Roles } from '../http/auth/roles.decorator';
import { Ctx } from '../http/auth/command-context.decorator';
import { EnrollDto } from './dto/enroll.dto';
import { IdempotentPost } from '../http/idempotency/idempotent-post.decorator';

@ApiTags('enrollments')
@ApiBearerAuth()
@Controller('api/v1/enrollments')
export class EnrollmentsController {
  constructor(private readonly commands: CommandBus) {}

  @IdempotentPost()
  @Roles('clerk')
  @HttpCode(201)
  @ApiOperation({ summary: 'Enroll a person in a program-year; eligibility per the catalogue, age on 1 January' })
  enroll(@Body() body: EnrollDto, @Ctx() ctx: CommandContext): Promise<unknown> {
    return this.commands.execute(new EnrollBeneficiaryCommand(ctx, body));
  }
}
