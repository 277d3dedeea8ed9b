import type Decimal from 'decimal.js';
import type { FundingParts } from '../disbursement/allocate-funds';
import { lineIdOf } from '../disbursement/line-id';

/** approved → paid (打卡发放 confirmed by the bank) | failed (bank return) | reversed (correction). */
export type PaymentLineStatus = 'approved' | 'paid' | 'failed' | 'reversed';

export interface ApprovedLine {
  lineNo: number;
  lineId: string;
  personId: string;
  amount: Decimal;
  funding: FundingParts;
  status: PaymentLineStatus;
}

const STATUSES: readonly PaymentLineStatus[] = ['approved', 'paid', 'failed', 'reversed'];

/**
 * An approved batch's lines by lineNo, held in the program-year's state for as long as the process keeps it:
 * one array per field (amounts and parts are shared decimals, a status is a byte), so a 270,660-line batch
 * costs a few MB instead of 270,660 line objects with their own maps and split objects. Reads like a
 * read-only map of `ApprovedLine`s, made on demand.
 */
export class ApprovedLines {
  constructor(
    private readonly batchId: string,
    private readonly personIds: readonly string[],
    private readonly amounts: readonly Decimal[],
    private readonly upper: readonly Decimal[],
    private readonly county: readonly Decimal[],
    private readonly statuses: Uint8Array,
  ) {}

  /** Every line approved, in lineNo order (index i is lineNo i + 1). */
  static approved(
    batchId: string,
    personIds: readonly string[],
    amounts: readonly Decimal[],
    upper: readonly Decimal[],
    county: readonly Decimal[],
  ): ApprovedLines {
    return new ApprovedLines(batchId, personIds, amounts, upper, county, new Uint8Array(amounts.length));
  }

  get size(): number {
    return this.amounts.length;
  }

  has(lineNo: number): boolean {
    return Number.isInteger(lineNo) && lineNo >= 1 && lineNo <= this.amounts.length;
  }

  get(lineNo: number): ApprovedLine | undefined {
    if (!this.has(lineNo)) return undefined;
    const i = lineNo - 1;
    return {
      lineNo,
      lineId: lineIdOf(this.batchId, lineNo),
      personId: this.personIds[i]!,
      amount: this.amounts[i]!,
      funding: { upper: this.upper[i]!, county: this.county[i]! },
      status: STATUSES[this.statuses[i]!]!,
    };
  }

  *values(): IterableIterator<ApprovedLine> {
    for (let lineNo = 1; lineNo <= this.amounts.length; lineNo++) yield this.get(lineNo)!;
  }

  /** The same lines with some statuses changed (a copy: earlier states keep theirs). */
  withStatuses(changes: ReadonlyArray<readonly [lineNo: number, status: PaymentLineStatus]>): ApprovedLines {
    const statuses = this.statuses.slice();
    for (const [lineNo, status] of changes) {
      if (!this.has(lineNo)) throw new Error(`batch ${this.batchId} has no line ${lineNo}`);
      statuses[lineNo - 1] = STATUSES.indexOf(status);
    }
    return new ApprovedLines(this.batchId, this.personIds, this.amounts, this.upper, this.county, statuses);
  }
}
