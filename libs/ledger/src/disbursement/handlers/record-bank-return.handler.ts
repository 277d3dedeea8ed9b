import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decide } from '@subsidy/domain/program-year';
import { invalid, notFound } from '@subsidy/domain/program-year/refusals';
import { parseLineId } from '@subsidy/domain/disbursement';
import type { BankReturnRecorded } from '@subsidy/domain/events/program-year-events';
import { RecordBankReturnCommand } from '../commands/disbursement.commands';
import { ProgramYearRepository } from '../../repositories/program-year.repository';
import { PaymentBatchRepository } from '../../repositories/payment-batch.repository';

export interface BankReturnResult {
  batchId: string;
  paid: number;
  failed: number;
}

/** The bank's answer per line: unknown lines are refused (400) before anything is decided or recorded. */
@CommandHandler(RecordBankReturnCommand)
export class RecordBankReturnHandler implements ICommandHandler<RecordBankReturnCommand, BankReturnResult> {
  constructor(
    @Inject(ProgramYearRepository) private readonly programYears: ProgramYearRepository,
    @Inject(PaymentBatchRepository) private readonly batches: PaymentBatchRepository,
  ) {}

  async execute({ context, batchId, lines }: RecordBankReturnCommand): Promise<BankReturnResult> {
    const draft = await this.batches.header(batchId);
    if (!draft) throw notFound(`payment batch ${batchId} does not exist`);
    const errors: Array<{ field: string; message: string }> = [];
    const parsed = lines.map((line, i) => {
      const id = parseLineId(line.lineId);
      if (!id || id.batchId !== batchId || id.lineNo > draft.lineCount) {
        errors.push({
          field: `lines[${i}].lineId`,
          message: `${line.lineId} is not a line of batch ${batchId}`,
        });
        return { lineNo: 0, result: line.result, reason: line.reason };
      }
      return { lineNo: id.lineNo, result: line.result, reason: line.reason };
    });
    if (errors.length > 0) throw invalid(errors);
    const { events } = await this.programYears.transact(draft.programCode, draft.year, context, (state) =>
      decide(
        {
          type: 'RecordBankReturn',
          data: { programCode: draft.programCode, year: draft.year, batchId, lines: parsed },
        },
        state,
      ),
    );
    const data = (events[0] as BankReturnRecorded).data;
    return { batchId, paid: data.paid.length, failed: data.failed.length };
  }
}
