import type { CommandContext } from '@subsidy/event-store';
import type { ProgramCode } from '@subsidy/domain/catalogue/program-code';
import type { FundingPolicy, FundingSource } from '@subsidy/domain/events/program-year-events';

/** Opens a program-year, or amends it (quota, rates per tier, funding plan and policy). */
export class OpenProgramYearCommand {
  constructor(
    readonly context: CommandContext,
    readonly programCode: ProgramCode,
    readonly year: number,
    readonly input: {
      quota: number;
      rates: Record<string, string>;
      fundingPlan: { upper: string; county: string };
      fundingPolicy?: FundingPolicy;
    },
  ) {}
}

/** Money received for a program-year: 上级拨付 (upper) or 县级配套 (county). */
export class RecordAllocationCommand {
  constructor(
    readonly context: CommandContext,
    readonly programCode: ProgramCode,
    readonly year: number,
    readonly input: { source: FundingSource; amount: string; reference: string; receivedOn: string },
  ) {}
}
