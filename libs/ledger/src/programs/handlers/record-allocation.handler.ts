import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { deterministicUuid, uuidv7 } from '@subsidy/event-store';
import { decide } from '@subsidy/domain/program-year';
import { programYearStream } from '@subsidy/domain/events/streams';
import { RecordAllocationCommand } from '../commands/program.commands';
import { ProgramYearRepository } from '../../repositories/program-year.repository';
import { EventWriter } from '../../infrastructure/event-writer';
import { retryOnConflict } from '../../infrastructure/retry-on-conflict';

@CommandHandler(RecordAllocationCommand)
export class RecordAllocationHandler implements ICommandHandler<RecordAllocationCommand, { allocationId: string }> {
  constructor(
    @Inject(ProgramYearRepository) private readonly programYears: ProgramYearRepository,
    @Inject(EventWriter) private readonly writer: EventWriter,
  ) {}

  execute({ context, programCode, year, input }: RecordAllocationCommand): Promise<{ allocationId: string }> {
    const allocationId = context.idempotencyKey ? deterministicUuid('allocation', context.idempotencyKey) : uuidv7();
    return retryOnConflict(async () => {
      const state = await this.programYears.load(programCode, year);
      const events = decide({ type: 'RecordAllocation', data: { allocationId, programCode, year, ...input } }, state);
      await this.writer.append(
        programYearStream(programCode, year),
        events,
        ProgramYearRepository.expectedRevision(state),
        context,
      );
      return { allocationId };
    });
  }
}
