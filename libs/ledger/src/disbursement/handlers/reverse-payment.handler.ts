import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decide } from '@subsidy/domain/program-year';
import { notFound } from '@subsidy/domain/program-year/refusals';
import { parseLineId } from '@subsidy/domain/disbursement';
import type { PaymentReversed } from '@subsidy/domain/events/program-year-events';
import { ReversePaymentCommand } from '../commands/disbursement.commands';
import { ProgramYearRepository } from '../../repositories/program-year.repository';
import { PaymentBatchRepository } from '../../repositories/payment-batch.repository';

export interface ReversalResult {
  lineId: string;
  status: 'reversed';
  amount: string;
  funding: { upper: string; county: string };
}

/** Undoes a paid line as a new event with who and why; its money goes back to the person and the funds. */
@CommandHandler(ReversePaymentCommand)
export class ReversePaymentHandler implements ICommandHandler<ReversePaymentCommand, ReversalResult> {
  constructor(
    @Inject(ProgramYearRepository) private readonly programYears: ProgramYearRepository,
    @Inject(PaymentBatchRepository) private readonly batches: PaymentBatchRepository,
  ) {}

  async execute({ context, lineId, reason }: ReversePaymentCommand): Promise<ReversalResult> {
    const id = parseLineId(lineId);
    const draft = id && (await this.batches.header(id.batchId));
    if (!id || !draft || id.lineNo > draft.lineCount) throw notFound(`payment line ${lineId} does not exist`);
    const { events } = await this.programYears.transact(draft.programCode, draft.year, context, (state) =>
      decide(
        {
          type: 'ReversePayment',
          data: {
            programCode: draft.programCode,
            year: draft.year,
            batchId: id.batchId,
            lineNo: id.lineNo,
            reason,
          },
        },
        state,
      ),
    );
    const data = (events[0] as PaymentReversed).data;
    return { lineId, status: 'reversed', amount: data.amount, funding: data.funding };
  }
}
