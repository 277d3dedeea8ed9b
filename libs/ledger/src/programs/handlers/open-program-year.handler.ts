import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decide } from '@subsidy/domain/program-year';
import type { ProgramYearConfig } from '@subsidy/domain/events/program-year-events';
import { OpenProgramYearCommand } from '../commands/program.commands';
import { ProgramYearRepository } from '../../repositories/program-year.repository';

export interface OpenProgramYearResult {
  /** True when this call opened the program-year (201), false when it amended or changed nothing (200). */
  created: boolean;
  programYear: ProgramYearConfig;
}

@CommandHandler(OpenProgramYearCommand)
export class OpenProgramYearHandler implements ICommandHandler<
  OpenProgramYearCommand,
  OpenProgramYearResult
> {
  constructor(@Inject(ProgramYearRepository) private readonly programYears: ProgramYearRepository) {}

  async execute({
    context,
    programCode,
    year,
    input,
  }: OpenProgramYearCommand): Promise<OpenProgramYearResult> {
    const { events, state } = await this.programYears.transact(programCode, year, context, (s) =>
      decide({ type: 'OpenProgramYear', data: { programCode, year, ...input } }, s),
    );
    const last = events[events.length - 1];
    const config = last && 'fundingPlan' in last.data ? (last.data as ProgramYearConfig) : state.config!;
    return { created: last?.type === 'ProgramYearOpened', programYear: config };
  }
}
