import type { CommandContext } from '@subsidy/event-store';
import type { Category, Grade } from '@subsidy/domain/registry/certificate';

/** 登记: register a certified disabled person. */
export class RegisterBeneficiaryCommand {
  constructor(
    readonly context: CommandContext,
    readonly input: { certificateNumber: string; name: string; township: string; bankAccount: string },
  ) {}
}

/** 换证/等级变更: a re-assessment gives a new category or grade, hence a new certificate number. */
export class ReassessBeneficiaryCommand {
  constructor(
    readonly context: CommandContext,
    readonly certificateNumber: string,
    readonly input: { category: Category; grade: Grade; reason: string },
  ) {}
}

export class ChangeBankAccountCommand {
  constructor(
    readonly context: CommandContext,
    readonly certificateNumber: string,
    readonly input: { bankAccount: string; reason: string },
  ) {}
}

export class ChangeTownshipCommand {
  constructor(
    readonly context: CommandContext,
    readonly certificateNumber: string,
    readonly input: { township: string; reason: string },
  ) {}
}
