/**
 * The program-year aggregate's state (`program-year-{code}-{year}` stream) and `evolve`. Every money invariant
 * of a program in a year is checked against this state: owed per person, available per source, approved
 * batches and the status of each of their lines.
 */
import type Decimal from 'decimal.js';
import { ZERO, money } from '../shared/money';
import type { ProgramCode } from '../catalogue/program-code';
import type { PaymentBatchLine } from '../events/payment-batch-events';
import type {
  FundingSource,
  PaymentBatchApproved,
  ProgramYearConfig,
  ProgramYearEvent,
} from '../events/program-year-events';
import { allocateFunds, type FundingParts } from '../disbursement/allocate-funds';
import { approvalMismatches } from '../disbursement/approved-line-splits';
import { draftLinesOf, type DraftLines } from '../disbursement/draft-lines';
import { ApprovedLines, type PaymentLineStatus } from './approved-lines';

export interface Enrollment {
  enrollmentId: string;
  personId: string;
  certificateNumber: string; // as at enrollment
  tier: string;
  entitled: Decimal;
}

export type { ApprovedLine, PaymentLineStatus } from './approved-lines';

export interface ApprovedBatch {
  batchId: string;
  maker: string;
  approver: string;
  /** By lineNo. */
  lines: ApprovedLines;
}

export interface ProgramYearState {
  programCode: ProgramCode;
  year: number;
  /** Undefined until ProgramYearOpened: the program-year does not exist yet. */
  config?: ProgramYearConfig;
  /** Money received per source (上级拨付 upper / 县级配套 county). */
  allocated: FundingParts;
  /** NET disbursed per source: approved lines minus failed and reversed ones. */
  disbursed: FundingParts;
  /** By personId (the 18-character ID number). Map order = enrollment order. */
  enrollments: ReadonlyMap<string, Enrollment>;
  /** NET paid per personId (approved − failed − reversed); absent = 0. */
  paid: ReadonlyMap<string, Decimal>;
  /** Approved batches by batchId. */
  batches: ReadonlyMap<string, ApprovedBatch>;
  /** Stream revision of the last event evolved (0-based); -1 = no event yet (expect `no_stream`). */
  revision: number;
}

/**
 * `PaymentBatchApproved` records only totals; evolving it needs the batch's draft lines (from its
 * `payment-batch-{id}` stream), so the caller passes the event enriched with them.
 */
export interface PaymentBatchApprovedWithLines extends PaymentBatchApproved {
  lines: DraftLines;
}

export type ProgramYearEvolvable =
  Exclude<ProgramYearEvent, PaymentBatchApproved> | PaymentBatchApprovedWithLines;

export function withLines(
  event: PaymentBatchApproved,
  lines: DraftLines | readonly PaymentBatchLine[],
): PaymentBatchApprovedWithLines {
  return { ...event, lines: isDraftLines(lines) ? lines : draftLinesOf(event.data.batchId, lines) };
}

function isDraftLines(lines: DraftLines | readonly PaymentBatchLine[]): lines is DraftLines {
  return !Array.isArray(lines);
}

export function initialProgramYearState(programCode: ProgramCode, year: number): ProgramYearState {
  return {
    programCode,
    year,
    allocated: { upper: ZERO, county: ZERO },
    disbursed: { upper: ZERO, county: ZERO },
    enrollments: new Map(),
    paid: new Map(),
    batches: new Map(),
    revision: -1,
  };
}

/**
 * The state after one more event. Pure: the given state is not changed (its maps are copied, so this costs
 * O(size of the state); use `evolveAll` to fold a whole stream).
 *
 * Throws if a `PaymentBatchApproved` comes with lines other than the approved ones (count, order, digest or
 * totals differ): history and draft disagree, and no state derived from them could be trusted.
 */
export function evolve(state: ProgramYearState, event: ProgramYearEvolvable): ProgramYearState {
  const next = copy(state);
  apply(next, event);
  return next;
}

/** Folds events in stream order onto a state (copied once, then updated in place). */
export function evolveAll(state: ProgramYearState, events: Iterable<ProgramYearEvolvable>): ProgramYearState {
  const next = copy(state);
  for (const event of events) apply(next, event);
  return next;
}

/** A private copy of a state that events are applied to one at a time (`apply` changes `state` in place). */
export interface ProgramYearFold {
  readonly state: ProgramYearState;
  apply(event: ProgramYearEvolvable): void;
}

/**
 * Starts a fold from `state` (copied once): for deciding several commands in a row, each against the state
 * the ones before it leave, without copying the whole state per event as `evolve` does.
 */
export function startFold(state: ProgramYearState): ProgramYearFold {
  const next = copy(state);
  return { state: next, apply: (event) => apply(next, event) };
}

/** What the person is still owed in this program-year: entitled − net paid; 0 when not enrolled. */
export function outstandingOf(state: ProgramYearState, personId: string): Decimal {
  const enrollment = state.enrollments.get(personId);
  if (!enrollment) return ZERO;
  return enrollment.entitled.minus(state.paid.get(personId) ?? ZERO);
}

/** Money a source still holds: allocated − net disbursed. */
export function availableOf(state: ProgramYearState, source: FundingSource): Decimal {
  return state.allocated[source].minus(state.disbursed[source]);
}

type MutableState = {
  -readonly [K in keyof ProgramYearState]: ProgramYearState[K] extends ReadonlyMap<infer K2, infer V>
    ? Map<K2, V>
    : ProgramYearState[K];
};

function copy(state: ProgramYearState): MutableState {
  return {
    ...state,
    enrollments: new Map(state.enrollments),
    paid: new Map(state.paid),
    batches: new Map(state.batches),
  };
}

function apply(s: MutableState, event: ProgramYearEvolvable): void {
  switch (event.type) {
    case 'ProgramYearOpened':
    case 'ProgramYearAmended':
      s.config = event.data;
      break;
    case 'AllocationRecorded': {
      const { source, amount } = event.data;
      s.allocated = { ...s.allocated, [source]: s.allocated[source].plus(money(amount)) };
      break;
    }
    case 'BeneficiaryEnrolled': {
      const { enrollmentId, personId, certificateNumber, tier, entitled } = event.data;
      s.enrollments.set(personId, {
        enrollmentId,
        personId,
        certificateNumber,
        tier,
        entitled: money(entitled),
      });
      break;
    }
    case 'PaymentBatchApproved':
      applyApproval(s, event);
      break;
    case 'BankReturnRecorded': {
      const { batchId, paid, failed } = event.data;
      setStatuses(s, batchId, [
        ...paid.map((lineNo) => [lineNo, 'paid'] as const),
        ...failed.map((f) => [f.lineNo, 'failed'] as const),
      ]);
      for (const f of failed) {
        giveBack(s, f.personId, money(f.amount), {
          upper: money(f.funding.upper),
          county: money(f.funding.county),
        });
      }
      break;
    }
    case 'PaymentReversed': {
      const { batchId, lineNo, personId, amount, funding } = event.data;
      setStatuses(s, batchId, [[lineNo, 'reversed']]);
      giveBack(s, personId, money(amount), { upper: money(funding.upper), county: money(funding.county) });
      break;
    }
  }
  s.revision += 1;
}

function applyApproval(s: MutableState, event: PaymentBatchApprovedWithLines): void {
  const { data, lines } = event;
  const splits = allocateFunds({
    policy: data.policy,
    plan: { upper: money(data.plan.upper), county: money(data.plan.county) },
    disbursedBefore: { upper: money(data.disbursedBefore.upper), county: money(data.disbursedBefore.county) },
    amounts: lines.amounts,
  });
  const problems = approvalMismatches(data, lines, splits);
  const before = { upper: s.disbursed.upper.toFixed(2), county: s.disbursed.county.toFixed(2) };
  if (before.upper !== data.disbursedBefore.upper || before.county !== data.disbursedBefore.county) {
    problems.push(
      `approved against disbursed ${data.disbursedBefore.upper}/${data.disbursedBefore.county}, state has ${before.upper}/${before.county}`,
    );
  }
  if (problems.length > 0) {
    throw new Error(`batch ${data.batchId}: draft lines do not match the approval (${problems.join('; ')})`);
  }
  const { personIds, amounts } = lines;
  let { upper, county } = s.disbursed;
  for (let i = 0; i < amounts.length; i++) {
    const personId = personIds[i]!;
    s.paid.set(personId, (s.paid.get(personId) ?? ZERO).plus(amounts[i]!));
    upper = upper.plus(splits[i]!.upper);
    county = county.plus(splits[i]!.county);
  }
  s.disbursed = { upper, county };
  s.batches.set(data.batchId, {
    batchId: data.batchId,
    maker: data.maker,
    approver: data.approver,
    lines: ApprovedLines.approved(data.batchId, personIds, amounts, splits),
  });
}

/** Sets line statuses of an approved batch (copy-on-write, so earlier states keep theirs). */
function setStatuses(
  s: MutableState,
  batchId: string,
  changes: ReadonlyArray<readonly [number, PaymentLineStatus]>,
): void {
  const batch = s.batches.get(batchId);
  if (!batch) throw new Error(`batch ${batchId} was never approved in ${s.programCode} ${s.year}`);
  s.batches.set(batchId, { ...batch, lines: batch.lines.withStatuses(changes) });
}

/** A failed or reversed line: its amount back to the person's outstanding, its parts back to each source. */
function giveBack(s: MutableState, personId: string, amount: Decimal, funding: FundingParts): void {
  s.paid.set(personId, (s.paid.get(personId) ?? ZERO).minus(amount));
  s.disbursed = {
    upper: s.disbursed.upper.minus(funding.upper),
    county: s.disbursed.county.minus(funding.county),
  };
}
