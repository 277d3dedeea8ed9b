import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WrongExpectedRevisionError } from '@subsidy/event-store';
import { beneficiaryStream } from '@subsidy/domain/events/streams';
import type { BeneficiaryRegistered } from '@subsidy/domain/events/beneficiary-events';
import { decide } from '@subsidy/domain/registry/beneficiary';
import { conflict } from '@subsidy/domain/program-year/refusals';
import { RegisterBeneficiaryCommand } from '../commands/registry.commands';
import { BeneficiaryRepository } from '../../repositories/beneficiary.repository';
import { EventWriter } from '../../infrastructure/event-writer';
import { CLOCK } from '../../infrastructure/tokens';

export type RegisteredBeneficiary = BeneficiaryRegistered['data'];

/**
 * 登记: one registration per ID number (the stream is created with `no_stream`), whatever certificate number
 * it comes with; the derived fields come from the certificate number, never typed twice.
 */
@CommandHandler(RegisterBeneficiaryCommand)
export class RegisterBeneficiaryHandler implements ICommandHandler<
  RegisterBeneficiaryCommand,
  RegisteredBeneficiary
> {
  constructor(
    @Inject(BeneficiaryRepository) private readonly beneficiaries: BeneficiaryRepository,
    @Inject(EventWriter) private readonly writer: EventWriter,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  async execute({ context, input }: RegisterBeneficiaryCommand): Promise<RegisteredBeneficiary> {
    const idNumber = input.certificateNumber.toUpperCase().slice(0, 18);
    const { state, expectedRevision } = await this.beneficiaries.loadByIdNumber(idNumber);
    const events = decide({ type: 'RegisterBeneficiary', data: input }, state, this.clock());
    const registered = events[0] as BeneficiaryRegistered;
    try {
      await this.writer.append(
        beneficiaryStream(registered.data.personId),
        events,
        expectedRevision,
        context,
      );
    } catch (e) {
      if (e instanceof WrongExpectedRevisionError) {
        throw conflict(
          `ID number ${registered.data.personId.slice(0, 6)}… was registered at the same moment`,
          [{ field: 'certificateNumber', message: 'already registered' }],
        );
      }
      throw e;
    }
    return registered.data;
  }
}
