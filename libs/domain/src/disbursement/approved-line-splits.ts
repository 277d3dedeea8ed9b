import type Decimal from 'decimal.js';
import { money, sumMoney } from '../shared/money';
import type { PaymentBatchLine } from '../events/payment-batch-events';
import type { PaymentBatchApproved } from '../events/program-year-events';
import { allocateFunds, type FundingParts } from './allocate-funds';
import type { DraftLines } from './draft-lines';

export interface ApprovedLineSplit {
  lineNo: number;
  lineId: string;
  personId: string;
  amount: Decimal;
  funding: FundingParts;
}

/**
 * Each line's split of an approved batch, re-derived from the approval (policy, plan, net disbursed before)
 * and the batch's immutable draft lines, exactly as the approval computed it. Projections, audit, `asOf` and
 * the program-year's own `evolve` all call this, so they cannot disagree.
 */
export function splitApprovedLines(
  approved: PaymentBatchApproved['data'],
  lines: readonly PaymentBatchLine[],
): ApprovedLineSplit[] {
  const splits = allocateFunds({
    policy: approved.policy,
    plan: { upper: money(approved.plan.upper), county: money(approved.plan.county) },
    disbursedBefore: {
      upper: money(approved.disbursedBefore.upper),
      county: money(approved.disbursedBefore.county),
    },
    amounts: lines.map((l) => money(l.amount)),
  });
  return lines.map((line, i) => ({
    lineNo: line.lineNo,
    lineId: line.lineId,
    personId: line.personId,
    amount: money(line.amount),
    funding: splits[i]!,
  }));
}

/**
 * What is wrong, if anything, with pairing these draft lines with this approval: not the lines that were
 * approved (count, numbering, digest), or a split (the lines' `allocateFunds` from the approval's starting
 * point, summed) that does not add up to the recorded totals. Empty = they match.
 */
export function approvalMismatches(
  approved: PaymentBatchApproved['data'],
  lines: DraftLines,
  split: FundingParts,
): string[] {
  const problems: string[] = [];
  if (lines.count !== approved.lineCount)
    problems.push(`${lines.count} lines given, ${approved.lineCount} approved`);
  if (!lines.wellFormed) problems.push('lines are not numbered 1..n in order');
  if (lines.digest !== approved.linesDigest) problems.push('lines digest differs from the approved one');
  const total = sumMoney(lines.amounts).toFixed(2);
  const upper = split.upper.toFixed(2);
  const county = split.county.toFixed(2);
  if (total !== approved.total) problems.push(`lines total ${total}, approved ${approved.total}`);
  if (upper !== approved.funding.upper || county !== approved.funding.county) {
    problems.push(
      `lines split ${upper}/${county}, approved ${approved.funding.upper}/${approved.funding.county}`,
    );
  }
  return problems;
}
