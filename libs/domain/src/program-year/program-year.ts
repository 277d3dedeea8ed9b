/**
 * The program-year aggregate's state (`program-year-{code}-{year}` stream) and `evolve`. Every money invariant
 * of a program in a year is checked against this state: owed per person, available per source, approved
 * batches and the status of each of their lines.
 */
import type Decimal from 'decimal.js';
import { ZERO, formatMoney, money } from '../shared/money';
import type { ProgramCode } from '../catalogue/program-code';
import type { PaymentBatchLine } from '../events/payment-batch-events';
import type {
  FundingSource,
  PaymentBatchApproved,
  ProgramYearConfig,
  ProgramYearEvent,
} from '../events/program-year-events';
import { FundsAllocator, type FundingParts } from '../disbursement/allocate-funds';
import { approvalMismatches } from '../disbursement/approved-line-splits';
import { draftLinesOf, type DraftLines } from '../disbursement/draft-lines';
import { ApprovedLines, type PaymentLineStatus } from './approved-lines';
import { Enrollments } from './enrollments';

export type { Enrollment } from './enrollments';

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
  enrollments: Enrollments;
  /** NET paid per personId (approved − failed − reversed); absent = 0. Equal amounts share one decimal. */
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
    enrollments: new Enrollments(),
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
  const entitled = state.enrollments.entitledOf(personId);
  if (!entitled) return ZERO;
  const paid = state.paid.get(personId);
  return paid === undefined ? entitled : entitled.minus(paid);
}

/** Money a source still holds: allocated − net disbursed. */
export function availableOf(state: ProgramYearState, source: FundingSource): Decimal {
  return state.allocated[source].minus(state.disbursed[source]);
}

interface MutableState extends Omit<ProgramYearState, 'paid' | 'batches'> {
  paid: Map<string, Decimal>;
  batches: Map<string, ApprovedBatch>;
}

/**
 * States whose collections are still the ones of the state they were copied from: copied on the first
 * change, so a fold that only reads (a turn deciding one approval) never copies a 270,660-person program-year.
 */
const borrowed = new WeakMap<MutableState, Set<'enrollments' | 'paid' | 'batches'>>();

function copy(state: ProgramYearState): MutableState {
  const next: MutableState = {
    ...state,
    paid: state.paid as Map<string, Decimal>,
    batches: state.batches as Map<string, ApprovedBatch>,
  };
  borrowed.set(next, new Set(['enrollments', 'paid', 'batches']));
  return next;
}

function enrollmentsOf(s: MutableState): Enrollments {
  if (borrowed.get(s)?.delete('enrollments')) s.enrollments = s.enrollments.clone();
  return s.enrollments;
}

function paidOf(s: MutableState): Map<string, Decimal> {
  if (borrowed.get(s)?.delete('paid')) s.paid = new Map(s.paid);
  return s.paid;
}

function batchesOf(s: MutableState): Map<string, ApprovedBatch> {
  if (borrowed.get(s)?.delete('batches')) s.batches = new Map(s.batches);
  return s.batches;
}

/**
 * A person's net paid after adding `amount` (signed). Equal amounts share one parsed decimal: a batch that
 * pays 270,660 people their outstanding leaves a few distinct sums, not 270,660 decimals.
 */
function addPaid(s: MutableState, personId: string, amount: Decimal): void {
  const before = s.paid.get(personId);
  const after = before === undefined ? amount : before.plus(amount);
  paidOf(s).set(personId, after.isNegative() ? after : money(formatMoney(after)));
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
      enrollmentsOf(s).set(personId, {
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
  const { personIds, amounts } = lines;
  const allocator = new FundsAllocator({
    policy: data.policy,
    plan: { upper: money(data.plan.upper), county: money(data.plan.county) },
    disbursedBefore: { upper: money(data.disbursedBefore.upper), county: money(data.disbursedBefore.county) },
  });
  const uppers: Decimal[] = [];
  const counties: Decimal[] = [];
  let upper = ZERO;
  let county = ZERO;
  for (const amount of amounts) {
    const split = allocator.next(amount);
    uppers.push(split.upper);
    counties.push(split.county);
    upper = upper.plus(split.upper);
    county = county.plus(split.county);
  }
  const problems = approvalMismatches(data, lines, { upper, county });
  const before = { upper: s.disbursed.upper.toFixed(2), county: s.disbursed.county.toFixed(2) };
  if (before.upper !== data.disbursedBefore.upper || before.county !== data.disbursedBefore.county) {
    problems.push(
      `approved against disbursed ${data.disbursedBefore.upper}/${data.disbursedBefore.county}, state has ${before.upper}/${before.county}`,
    );
  }
  if (problems.length > 0) {
    throw new Error(`batch ${data.batchId}: draft lines do not match the approval (${problems.join('; ')})`);
  }
  for (let i = 0; i < amounts.length; i++) addPaid(s, personIds[i]!, amounts[i]!);
  s.disbursed = { upper: s.disbursed.upper.plus(upper), county: s.disbursed.county.plus(county) };
  batchesOf(s).set(data.batchId, {
    batchId: data.batchId,
    maker: data.maker,
    approver: data.approver,
    lines: ApprovedLines.approved(data.batchId, personIds, amounts, uppers, counties),
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
  batchesOf(s).set(batchId, { ...batch, lines: batch.lines.withStatuses(changes) });
}

/** A failed or reversed line: its amount back to the person's outstanding, its parts back to each source. */
function giveBack(s: MutableState, personId: string, amount: Decimal, funding: FundingParts): void {
  addPaid(s, personId, amount.neg());
  s.disbursed = {
    upper: s.disbursed.upper.minus(funding.upper),
    county: s.disbursed.county.minus(funding.county),
  };
}
