import type Decimal from 'decimal.js';
import type { ProgramCode } from '../catalogue/program-code';
import { formatMoney, isMoneyString, money, sumMoney } from '../shared/money';
import type { PaymentBatchLine } from '../events/payment-batch-events';
import type { FundingSource, PaymentBatchApproved } from '../events/program-year-events';
import { allocateFunds } from '../disbursement/allocate-funds';
import { digestLines } from '../disbursement/digest-lines';
import { lineIdOf } from '../disbursement/line-id';
import { availableOf, outstandingOf, type ProgramYearState } from './program-year';
import { assertSameProgramYear, openedConfig } from './program-year-guards';
import { type FieldError, conflict, forbidden, ruleBroken } from './refusals';
import { SOURCE_NAMES } from './source-names';

/** A drafted batch as read back from its stream (`draftFromEvents` gives one). */
export interface ApprovableBatch {
  batchId: string;
  programCode: ProgramCode;
  year: number;
  maker: string;
  lineCount: number;
  total: string;
  /** Lines in lineNo order. */
  lines: readonly PaymentBatchLine[];
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
 * zero 422 naming the source and the shortfall. Each line's split is `allocateFunds` in lineNo order from the
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
      `batch ${batch.batchId} is not completely drafted: ${batch.lines.length} of ${batch.lineCount} lines`,
    );
  }
  assertConsistentDraft(batch);

  const amounts = checkLinesOwed(batch, state);
  const plan = { upper: money(config.fundingPlan.upper), county: money(config.fundingPlan.county) };
  const splits = allocateFunds({
    policy: config.fundingPolicy,
    plan,
    disbursedBefore: state.disbursed,
    amounts,
  });
  const funding = {
    upper: sumMoney(splits.map((s) => s.upper)),
    county: sumMoney(splits.map((s) => s.county)),
  };
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
        linesDigest: digestLines(batch.lines),
      },
    },
  ];
}

/** The draft must be what its header says: lines 1..n with their ids, adding up to the total. */
function assertConsistentDraft(batch: ApprovableBatch): void {
  const wellFormed = batch.lines.every(
    (l, i) => l.lineNo === i + 1 && l.lineId === lineIdOf(batch.batchId, i + 1) && isMoneyString(l.amount),
  );
  const total = wellFormed ? formatMoney(sumMoney(batch.lines.map((l) => money(l.amount)))) : undefined;
  if (!wellFormed || batch.lines.length !== batch.lineCount || total !== batch.total) {
    throw conflict(
      `batch ${batch.batchId}: its lines do not match its header (${batch.lineCount} lines, ${batch.total})`,
    );
  }
}

/** Each line > 0 and within what its person is still owed, earlier lines of the batch included. */
function checkLinesOwed(batch: ApprovableBatch, state: ProgramYearState): Decimal[] {
  const errors: FieldError[] = [];
  const owed = new Map<string, Decimal>();
  const amounts = batch.lines.map((line, i) => {
    const amount = money(line.amount);
    const field = `lines[${i}].amount`;
    if (!amount.gt(0)) {
      errors.push({ field, message: `line ${line.lineId}: must be more than 0.00` });
    } else if (!state.enrollments.has(line.personId)) {
      errors.push({
        field: `lines[${i}].certificateNumber`,
        message: `line ${line.lineId}: ${line.certificateNumber} is not enrolled in ${state.programCode} ${state.year}`,
      });
    } else {
      const stillOwed = owed.get(line.personId) ?? outstandingOf(state, line.personId);
      if (amount.gt(stillOwed)) {
        errors.push({
          field,
          message: `line ${line.lineId}: ${line.amount} is more than the ${formatMoney(stillOwed)} still owed to ${line.certificateNumber}`,
        });
      } else {
        owed.set(line.personId, stillOwed.minus(amount));
      }
    }
    return amount;
  });
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
