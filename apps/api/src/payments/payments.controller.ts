import { Body, Controller, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@subsidy/event-store';
import { ReversePaymentCommand } from '@subsidy/ledger/disbursement/commands/disbursement.commands';
import { Roles } from '../http/auth/roles.decorator';
import { Ctx } from '../http/auth/command-context.decorator';
import { ReversalDto } from './dto/reversal.dto';
import { IdempotentPost } from '../http/idempotency/idempotent-post.decorator';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('api/v1/payments')
export class PaymentsController {
  constructor(private readonly commands: CommandBus) {}

  @IdempotentPost(':lineId/reversal')
  @Roles('approver')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reverse a paid line (a new event with who and why); the money goes back' })
  reverse(@Param('lineId') lineId: string, @Body() body: ReversalDto, @Ctx() ctx: CommandContext): Promise<unknown> {
    return this.commands.execute(new ReversePaymentCommand({ ...ctx, reason: body.reason }, lineId, body.reason));
  }
}
