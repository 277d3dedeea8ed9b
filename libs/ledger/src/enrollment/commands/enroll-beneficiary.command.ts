import type { CommandContext } from '@subsidy/event-store';
import type { ProgramCode } from '@subsidy/domain/catalogue/program-code';

/** Admits a person to a program-year; the entitlement is the tier's annual rate. */
export class EnrollBeneficiaryCommand {
  constructor(
    readonly context: CommandContext,
    readonly input: { certificateNumber: string; programCode: ProgramCode; year: number; tier?: string },
  ) {}
}
