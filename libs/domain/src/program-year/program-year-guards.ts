import type { ProgramCode } from '../catalogue/program-code';
import type { ProgramYearConfig } from '../events/program-year-events';
import type { ProgramYearState } from './program-year';
import { notFound } from './refusals';

/** A command addressed to another program-year than the state loaded for it is a programming error. */
export function assertSameProgramYear(state: ProgramYearState, programCode: ProgramCode, year: number): void {
  if (state.programCode !== programCode || state.year !== year) {
    throw new Error(`command for ${programCode} ${year} decided against ${state.programCode} ${state.year}`);
  }
}

/** The configuration of an opened program-year, or 404. */
export function openedConfig(state: ProgramYearState): ProgramYearConfig {
  if (!state.config) throw notFound(`program ${state.programCode} has no year ${state.year} opened`);
  return state.config;
}
