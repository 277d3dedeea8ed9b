import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { deterministicUuid, uuidv7 } from '@subsidy/event-store';
import { decide } from '@subsidy/domain/program-year';
import { RecordAllocationCommand } from '../commands/program.commands';
import { ProgramYearRepository } from '../../repositories/program-year.repository';

@CommandHandler(RecordAllocationCommand)
export class RecordAllocationHandler implements ICommandHandler<
  RecordAllocationCommand,
  { allocationId: string }
> {
  constructor(@Inject(ProgramYearRepository) private readonly programYears: ProgramYearRepository) {}

  async execute({
    context,
    programCode,
    year,
    input,
  }: RecordAllocationCommand): Promise<{ allocationId: string }> {
    const allocationId = context.idempotencyKey
      ? deterministicUuid('allocation', context.idempotencyKey)
      : uuidv7();
    await this.programYears.transact(programCode, year, context, (s) =>
      decide({ type: 'RecordAllocation', data: { allocationId, programCode, year, ...input } }, s),
    );
    return { allocationId };
  }
}
