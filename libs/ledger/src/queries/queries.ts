import type { ProgramCode } from '@subsidy/domain/catalogue/program-code';
import type { User } from '../users/role';

/** Reads. `minPosition` lets a client wait for its own write seen through another node. */
interface Consistency {
  minPosition?: bigint;
}

export class GetBeneficiaryQuery {
  constructor(
    readonly certificateNumber: string,
    readonly options: Consistency & { asOf?: string; user: User },
  ) {}
}

export class GetBeneficiaryHistoryQuery {
  constructor(
    readonly certificateNumber: string,
    readonly options: Consistency & { user: User },
  ) {}
}

export class ListBeneficiariesQuery {
  constructor(
    readonly filter: {
      township?: string;
      programCode?: ProgramCode;
      year?: number;
      q?: string;
      limit: number;
      cursor?: string;
    },
    readonly options: Consistency & { user?: User },
  ) {}
}

export class ListProgramsQuery {
  constructor(
    readonly year: number | undefined,
    readonly options: Consistency,
  ) {}
}

export class ListPaymentBatchesQuery {
  constructor(
    readonly filter: { programCode?: ProgramCode; year?: number; status?: string; limit: number; cursor?: string },
    readonly options: Consistency,
  ) {}
}

export class GetPaymentBatchQuery {
  constructor(
    readonly batchId: string,
    readonly options: Consistency,
  ) {}
}

export class GetPaymentBatchHistoryQuery {
  constructor(
    readonly batchId: string,
    readonly options: Consistency & { user: User },
  ) {}
}

/** The bank file: full account numbers (the bank needs them), masked ID numbers. */
export class GetBankFileQuery {
  constructor(
    readonly batchId: string,
    readonly options: Consistency,
  ) {}
}

export type ReportName = 'funding' | 'programs' | 'townships';

export class GetReportQuery {
  constructor(
    readonly report: ReportName,
    readonly filter: { year: number; programCode?: ProgramCode; asOf?: string },
    readonly options: Consistency,
  ) {}
}
