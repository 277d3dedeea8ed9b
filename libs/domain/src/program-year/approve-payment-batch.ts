import type Decimal from 'decimal.js';
import type { ProgramCode } from '../catalogue/program-code';
import { ZERO, formatMoney, money, sumMoney } from '../shared/money';
import type { FundingSource, PaymentBatchApproved } from '../events/program-year-events';
import { FundsAllocator } from '../disbursement/allocate-funds';
import type { DraftLines } from '../disbursement/draft-lines';
import { lineIdOf } from '../disbursement/line-id';
import { availableOf, outstandingOf, type ProgramYearState } from './program-year';
import { assertSameProgramYear, openedConfig } from './program-year-guards';
import { type FieldError, conflict, forbidden, ruleBroken } from './refusals';
import { SOURCE_NAMES } from './source-names';

/** A drafted batch as read back from its stream (`ApprovableDraftReader` gives one). */
export interface ApprovableBatch {
  batchId: string;
  programCode: ProgramCode;
  year: number;
  maker: string;
  lineCount: number;
  total: string;
  /** Lines in lineNo order, compact (a county's batch is tens of thousands of lines). */
  lines: DraftLines;
  /** False while the draft's chunks do not yet hold `lineCount` lines. */
  complete: boolean;
}

/** A checker (审核人, not the maker) approves a drafted batch: payments are recorded now, split by source. */
export interface ApprovePaymentBatch {
  type: 'ApprovePaymentBatch';
  data: { batch: ApprovableBatch; approver: string };
}

/**
 * → PaymentBatchApproved, or the whole batch is refused: approver is the maker 403; already approved,
 * incomplete or inconsistent draft 409; a line not > 0, for a person not enrolled, or above what the person
 * is still owed (counting earlier lines of this batch) 422 naming each line; a source that would go below
 * zero 422 naming the source and the shortfall. Each line's split is `allocateFunds` (`FundsAllocator`) in lineNo order from the
 * net disbursed now; the event records that starting point so readers re-derive the same splits.
 */
export function decideApprovePaymentBatch(
  command: ApprovePaymentBatch,
  state: ProgramYearState,
): PaymentBatchApproved[] {
  const { batch, approver } = command.data;
  assertSameProgramYear(state, batch.programCode, batch.year);
  const config = openedConfig(state);
  if (approver === batch.maker)
    throw forbidden(`${approver} drafted batch ${batch.batchId}; another person must approve it`);
  if (state.batches.has(batch.batchId)) throw conflict(`batch ${batch.batchId} is already approved`);
  if (!batch.complete) {
    throw conflict(
      `batch ${batch.batchId} is not completely drafted: ${batch.lines.count} of ${batch.lineCount} lines`,
    );
  }
  assertConsistentDraft(batch);

  const amounts = checkLinesOwed(batch, state);
  const plan = { upper: money(config.fundingPlan.upper), county: money(config.fundingPlan.county) };
  // Only the totals are recorded (readers re-derive each line's split), so no split per line is kept.
  const allocator = new FundsAllocator({
    policy: config.fundingPolicy,
    plan,
    disbursedBefore: state.disbursed,
  });
  let upper = ZERO;
  let county = ZERO;
  for (const amount of amounts) {
    const split = allocator.next(amount);
    upper = upper.plus(split.upper);
    county = county.plus(split.county);
  }
  const funding = { upper, county };
  checkFunds(batch.batchId, funding, state);

  return [
    {
      type: 'PaymentBatchApproved',
      data: {
        batchId: batch.batchId,
        programCode: batch.programCode,
        year: batch.year,
        maker: batch.maker,
        approver,
        lineCount: batch.lineCount,
        total: formatMoney(sumMoney(amounts)),
        funding: { upper: formatMoney(funding.upper), county: formatMoney(funding.county) },
        policy: config.fundingPolicy,
        plan: { ...config.fundingPlan },
        disbursedBefore: {
          upper: formatMoney(state.disbursed.upper),
          county: formatMoney(state.disbursed.county),
        },
        linesDigest: batch.lines.digest,
      },
    },
  ];
}

/** The draft must be what its header says: lines 1..n with their ids, adding up to the total. */
function assertConsistentDraft(batch: ApprovableBatch): void {
  const { wellFormed, count, amounts } = batch.lines;
  const total = wellFormed ? formatMoney(sumMoney(amounts)) : undefined;
  if (!wellFormed || count !== batch.lineCount || total !== batch.total) {
    throw conflict(
      `batch ${batch.batchId}: its lines do not match its header (${batch.lineCount} lines, ${batch.total})`,
    );
  }
}

/** Each line > 0 and within what its person is still owed, earlier lines of the batch included. */
function checkLinesOwed(batch: ApprovableBatch, state: ProgramYearState): readonly Decimal[] {
  const errors: FieldError[] = [];
  // What each person paid so far in the batch is still owed; a batch that pays everyone their whole
  // outstanding leaves them all at zero, kept as the one shared ZERO rather than a decimal per person.
  const owed = new Map<string, Decimal>();
  const { personIds, amounts } = batch.lines;
  for (let i = 0; i < amounts.length; i++) {
    const amount = amounts[i]!;
    const personId = personIds[i]!;
    const lineId = lineIdOf(batch.batchId, i + 1);
    const field = `lines[${i}].amount`;
    if (!amount.gt(0)) {
      errors.push({ field, message: `line ${lineId}: must be more than 0.00` });
    } else if (!state.enrollments.has(personId)) {
      errors.push({
        field: `lines[${i}].certificateNumber`,
        message: `line ${lineId}: ${batch.lines.certificateNumberOf(i)} is not enrolled in ${state.programCode} ${state.year}`,
      });
    } else {
      const stillOwed = owed.get(personId) ?? outstandingOf(state, personId);
      if (amount.gt(stillOwed)) {
        errors.push({
          field,
          message: `line ${lineId}: ${formatMoney(amount)} is more than the ${formatMoney(stillOwed)} still owed to ${batch.lines.certificateNumberOf(i)}`,
        });
      } else {
        const left = stillOwed.minus(amount);
        owed.set(personId, left.isZero() ? ZERO : left);
      }
    }
  }
  if (errors.length > 0) {
    throw ruleBroken(`batch ${batch.batchId}: ${errors.length} line(s) would pay more than is owed`, errors);
  }
  return amounts;
}

/** No source may go below zero: what the batch takes from each ≤ allocated − net disbursed. */
function checkFunds(batchId: string, needed: Record<FundingSource, Decimal>, state: ProgramYearState): void {
  const errors: FieldError[] = [];
  for (const source of ['upper', 'county'] as const) {
    const available = availableOf(state, source);
    if (needed[source].gt(available)) {
      errors.push({
        field: `funding.${source}`,
        message: `${SOURCE_NAMES[source]} funds: the batch needs ${formatMoney(needed[source])}, ${formatMoney(available)} available; short by ${formatMoney(needed[source].minus(available))}`,
      });
    }
  }
  if (errors.length > 0) {
    throw ruleBroken(
      `batch ${batchId} needs more than the funds hold: ${errors.map((e) => e.message).join('; ')}`,
      errors,
    );
  }
}
