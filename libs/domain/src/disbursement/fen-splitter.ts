import type { FundingPolicy } from '../events/program-year-events';
import { divideHalfEven } from './divide-half-even';

/** Amounts in integer fen (分): safe integers, exact. */
export interface FenParts {
  upper: number;
  county: number;
}

/**
 * `allocateFunds` in integer fen, one line at a time: the same rules and the same roundings (proportional:
 * U(N) = round_half_even(N × plan.upper / plan.total) on the running net total, in BigInt; the other
 * policies: plain integer sums), for callers that split hundreds of thousands of lines and keep money as fen
 * anyway (read models re-deriving an approval's splits). It never rounds anywhere else, so it gives the
 * decimal `splitApprovedLines` to the fen (fen-splitter.spec.ts checks it on random batches).
 * Amounts must be safe integers; a line amount ≥ 0.
 */
export class FenSplitter {
  private upperNet: number;
  private countyNet: number;
  private readonly planUpper: bigint;
  private readonly planTotal: bigint;

  constructor(
    private readonly policy: FundingPolicy,
    private readonly plan: FenParts,
    disbursedBefore: FenParts,
  ) {
    this.upperNet = disbursedBefore.upper;
    this.countyNet = disbursedBefore.county;
    this.planUpper = BigInt(plan.upper);
    this.planTotal = BigInt(plan.upper + plan.county);
  }

  /** The next line's upper part (its county part is amount − upper); moves the running nets on. */
  upperOf(amount: number): number {
    if (!Number.isSafeInteger(amount) || amount < 0) {
      throw new RangeError(`line amount ${amount} fen is not a non-negative integer`);
    }
    let upper: number;
    if (this.planTotal === 0n) {
      upper = this.policy === 'county-first' ? 0 : amount;
    } else if (this.policy === 'proportional') {
      const net = BigInt(this.upperNet + this.countyNet + amount);
      upper = clamp(Number(divideHalfEven(net * this.planUpper, this.planTotal)) - this.upperNet, amount);
    } else if (this.policy === 'upper-first') {
      upper = clamp(this.plan.upper - this.upperNet, amount);
    } else {
      upper = amount - clamp(this.plan.county - this.countyNet, amount);
    }
    this.upperNet += upper;
    this.countyNet += amount - upper;
    return upper;
  }
}

/** Into [0, max]. */
function clamp(value: number, max: number): number {
  return value < 0 ? 0 : value > max ? max : value;
}

