import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { notFound } from '@subsidy/domain/program-year/refusals';
import { maskCertificateNumber } from '@subsidy/domain/registry/masking';
import { getBeneficiary, listBeneficiaries, type BeneficiaryView } from '../../read-models';
import { GetBeneficiaryQuery, ListBeneficiariesQuery } from '../queries';
import { READ_MODEL_DB } from '../../infrastructure/tokens';
import { ReadYourWrites } from '../../consistency/read-your-writes';
import { TimeTravel } from '../../time-travel/time-travel';
import { seesPersonalData } from '../personal-data';

/** GET /beneficiaries/{cert}: the person's own record (full numbers), live or `asOf` a day from the log. */
@QueryHandler(GetBeneficiaryQuery)
export class GetBeneficiaryHandler implements IQueryHandler<GetBeneficiaryQuery, BeneficiaryView> {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    @Inject(ReadYourWrites) private readonly readYourWrites: ReadYourWrites,
    @Inject(TimeTravel) private readonly timeTravel: TimeTravel,
  ) {}

  async execute({ certificateNumber, options }: GetBeneficiaryQuery): Promise<BeneficiaryView> {
    await this.readYourWrites.awaitReadable(options.minPosition);
    const person = options.asOf
      ? await this.timeTravel.beneficiaryAsOf(certificateNumber, options.asOf)
      : getBeneficiary(this.db, certificateNumber);
    if (!person) {
      throw notFound(
        options.asOf
          ? `no beneficiary with certificate number ${certificateNumber} was recorded by the end of ${options.asOf}`
          : `no beneficiary with certificate number ${certificateNumber}`,
      );
    }
    return person;
  }
}

/** GET /beneficiaries: a page of people; certificate numbers masked for roles that do not handle them. */
@QueryHandler(ListBeneficiariesQuery)
export class ListBeneficiariesHandler implements IQueryHandler<ListBeneficiariesQuery> {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    @Inject(ReadYourWrites) private readonly readYourWrites: ReadYourWrites,
  ) {}

  async execute({ filter, options }: ListBeneficiariesQuery): Promise<ReturnType<typeof listBeneficiaries>> {
    await this.readYourWrites.awaitReadable(options.minPosition);
    const page = listBeneficiaries(this.db, filter);
    if (options.user && seesPersonalData(options.user)) return page;
    return {
      ...page,
      items: page.items.map((i) => ({ ...i, certificateNumber: maskCertificateNumber(i.certificateNumber) })),
    };
  }
}
