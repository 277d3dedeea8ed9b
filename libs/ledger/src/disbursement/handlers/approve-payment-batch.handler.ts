import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decide } from '@subsidy/domain/program-year';
import { notFound } from '@subsidy/domain/program-year/refusals';
import type { FundingSplit, PaymentBatchApproved } from '@subsidy/domain/events/program-year-events';
import { ApprovePaymentBatchCommand } from '../commands/disbursement.commands';
import { ProgramYearRepository } from '../../repositories/program-year.repository';
import { PaymentBatchRepository } from '../../repositories/payment-batch.repository';

export interface ApprovalResult {
  status: 'approved';
  batchId: string;
  total: string;
  funding: FundingSplit;
}

/**
 * The checker's approval: one `PaymentBatchApproved` appended to the program-year stream at the exact revision
 * the decision read. Racing approvals of the same batch, or of batches paying the same person or drawing on
 * the same funds, serialise on that revision: the losers decide again on fresh state (409 or 422).
 */
@CommandHandler(ApprovePaymentBatchCommand)
export class ApprovePaymentBatchHandler implements ICommandHandler<
  ApprovePaymentBatchCommand,
  ApprovalResult
> {
  constructor(
    @Inject(ProgramYearRepository) private readonly programYears: ProgramYearRepository,
    @Inject(PaymentBatchRepository) private readonly batches: PaymentBatchRepository,
  ) {}

  async execute({ context, batchId }: ApprovePaymentBatchCommand): Promise<ApprovalResult> {
    const draft = await this.batches.approvable(batchId);
    if (!draft) throw notFound(`payment batch ${batchId} does not exist`);
    const { events } = await this.programYears.transact(draft.programCode, draft.year, context, (state) =>
      decide({ type: 'ApprovePaymentBatch', data: { batch: draft, approver: context.actor } }, state),
    );
    const approved = events[0] as PaymentBatchApproved;
    return { status: 'approved', batchId, total: approved.data.total, funding: approved.data.funding };
  }
}
