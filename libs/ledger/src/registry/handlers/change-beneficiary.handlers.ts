import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { beneficiaryStream } from '@subsidy/domain/events/streams';
import { decide, type BeneficiaryCommand } from '@subsidy/domain/registry/beneficiary';
import { notFound } from '@subsidy/domain/program-year/refusals';
import type { CommandContext } from '@subsidy/event-store';
import {
  ChangeBankAccountCommand,
  ChangeTownshipCommand,
  ReassessBeneficiaryCommand,
} from '../commands/registry.commands';
import { BeneficiaryRepository } from '../../repositories/beneficiary.repository';
import { EventWriter } from '../../infrastructure/event-writer';
import { retryOnConflict } from '../../infrastructure/retry-on-conflict';
import { CLOCK } from '../../infrastructure/tokens';

/** Re-assessment, bank account and township changes: each an event with who, when and why. */
abstract class ChangeBeneficiaryHandler {
  // Subclasses inherit this constructor and its injection metadata.
  constructor(
    @Inject(BeneficiaryRepository) protected readonly beneficiaries: BeneficiaryRepository,
    @Inject(EventWriter) protected readonly writer: EventWriter,
    @Inject(CLOCK) protected readonly clock: () => Date,
  ) {}

  protected change(
    context: CommandContext,
    certificateNumber: string,
    command: BeneficiaryCommand,
  ): Promise<unknown> {
    return retryOnConflict(async () => {
      const loaded = await this.beneficiaries.findByCertificate(certificateNumber);
      if (!loaded) throw notFound(`no beneficiary with certificate number ${certificateNumber}`);
      const events = decide(command, loaded.state, this.clock());
      const personId = loaded.state.personId!;
      await this.writer.append(beneficiaryStream(personId), events, loaded.expectedRevision, context);
      return events[0]?.data;
    });
  }
}

@CommandHandler(ReassessBeneficiaryCommand)
export class ReassessBeneficiaryHandler
  extends ChangeBeneficiaryHandler
  implements ICommandHandler<ReassessBeneficiaryCommand>
{
  execute({ context, certificateNumber, input }: ReassessBeneficiaryCommand): Promise<unknown> {
    return this.change(context, certificateNumber, { type: 'ReassessBeneficiary', data: input });
  }
}

@CommandHandler(ChangeBankAccountCommand)
export class ChangeBankAccountHandler
  extends ChangeBeneficiaryHandler
  implements ICommandHandler<ChangeBankAccountCommand>
{
  execute({ context, certificateNumber, input }: ChangeBankAccountCommand): Promise<unknown> {
    return this.change(context, certificateNumber, { type: 'ChangeBankAccount', data: input });
  }
}

@CommandHandler(ChangeTownshipCommand)
export class ChangeTownshipHandler
  extends ChangeBeneficiaryHandler
  implements ICommandHandler<ChangeTownshipCommand>
{
  execute({ context, certificateNumber, input }: ChangeTownshipCommand): Promise<unknown> {
    return this.change(context, certificateNumber, { type: 'ChangeTownship', data: input });
  }
}
