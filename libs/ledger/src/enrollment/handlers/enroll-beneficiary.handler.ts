import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { deterministicUuid, uuidv7 } from '@subsidy/event-store';
import { decide } from '@subsidy/domain/program-year';
import { notFound } from '@subsidy/domain/program-year/refusals';
import { programDefinition } from '@subsidy/domain/catalogue/catalogue';
import { checkEligibility } from '@subsidy/domain/catalogue/eligibility';
import type { BeneficiaryEnrolled } from '@subsidy/domain/events/program-year-events';
import { EnrollBeneficiaryCommand } from '../commands/enroll-beneficiary.command';
import { ProgramYearRepository } from '../../repositories/program-year.repository';
import { BeneficiaryRepository } from '../../repositories/beneficiary.repository';

/**
 * Enrollment: eligibility judged on the person's category and grade in force now and their age on 1 January
 * of the year; recorded in the program-year stream, where "once per person" and the entitlement live.
 */
@CommandHandler(EnrollBeneficiaryCommand)
export class EnrollBeneficiaryHandler implements ICommandHandler<
  EnrollBeneficiaryCommand,
  { enrollmentId: string; entitled: string }
> {
  constructor(
    @Inject(ProgramYearRepository) private readonly programYears: ProgramYearRepository,
    @Inject(BeneficiaryRepository) private readonly beneficiaries: BeneficiaryRepository,
  ) {}

  async execute({
    context,
    input,
  }: EnrollBeneficiaryCommand): Promise<{ enrollmentId: string; entitled: string }> {
    const { certificateNumber, programCode, year, tier } = input;
    const person = await this.beneficiaries.findByCertificate(certificateNumber);
    if (!person) throw notFound(`no beneficiary with certificate number ${certificateNumber}`);
    const p = person.state;
    const eligibility = checkEligibility(
      programDefinition(programCode),
      { birthDate: p.birthDate!, category: p.category!, grade: p.grade! },
      year,
    );
    const enrollmentId = context.idempotencyKey
      ? deterministicUuid('enrollment', context.idempotencyKey)
      : uuidv7();
    const { events } = await this.programYears.transact(programCode, year, context, (state) =>
      decide(
        {
          type: 'EnrollBeneficiary',
          data: {
            enrollmentId,
            programCode,
            year,
            person: { personId: p.personId!, certificateNumber: p.certificateNumber! },
            ...(tier === undefined ? {} : { tier }),
            eligibility,
          },
        },
        state,
      ),
    );
    const enrolled = events[0] as BeneficiaryEnrolled;
    return { enrollmentId, entitled: enrolled.data.entitled };
  }
}
