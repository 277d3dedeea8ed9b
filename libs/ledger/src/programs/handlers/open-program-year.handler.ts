import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decide } from '@subsidy/domain/program-year';
import { programYearStream } from '@subsidy/domain/events/streams';
import type { ProgramYearConfig } from '@subsidy/domain/events/program-year-events';
import { OpenProgramYearCommand } from '../commands/program.commands';
import { ProgramYearRepository } from '../../repositories/program-year.repository';
import { EventWriter } from '../../infrastructure/event-writer';
import { retryOnConflict } from '../../infrastructure/retry-on-conflict';

export interface OpenProgramYearResult {
  /** True when this call opened the program-year (201), false when it amended or changed nothing (200). */
  created: boolean;
  programYear: ProgramYearConfig;
}

@CommandHandler(OpenProgramYearCommand)
export class OpenProgramYearHandler implements ICommandHandler<OpenProgramYearCommand, OpenProgramYearResult> {
  constructor(
    @Inject(ProgramYearRepository) private readonly programYears: ProgramYearRepository,
    @Inject(EventWriter) private readonly writer: EventWriter,
  ) {}

  execute({ context, programCode, year, input }: OpenProgramYearCommand): Promise<OpenProgramYearResult> {
    return retryOnConflict(async () => {
      const state = await this.programYears.load(programCode, year);
      const events = decide({ type: 'OpenProgramYear', data: { programCode, year, ...input } }, state);
      if (events.length > 0) {
        await this.writer.append(
          programYearStream(programCode, year),
          events,
          ProgramYearRepository.expectedRevision(state),
          context,
        );
      }
      const last = events[events.length - 1];
      const config = last && 'fundingPlan' in last.data ? (last.data as ProgramYearConfig) : state.config!;
      return { created: last?.type === 'ProgramYearOpened', programYear: config };
    });
  }
}
