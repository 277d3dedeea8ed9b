import type Decimal from 'decimal.js';
import type { ProgramCode } from '../catalogue/program-code';
import { formatMoney, money, sumMoney, type MoneyString } from '../shared/money';
import type { PaymentBatchDrafted, PaymentBatchLine } from '../events/payment-batch-events';
import { availableOf, outstandingOf, type ProgramYearState } from '../program-year/program-year';
import { assertSameProgramYear, openedConfig } from '../program-year/program-year-guards';
import { FieldErrors, type FieldError, ruleBroken } from '../program-year/refusals';
import { SOURCE_NAMES } from '../program-year/source-names';
import { allocateFunds } from './allocate-funds';
import { lineIdOf } from './line-id';

/** Who a line pays, as the registry knows them now (the bank account is snapshotted into the draft). */
export interface Payee {
  certificateNumber: string;
  name: string;
  bankAccount: string;
}

export interface DraftLineInput extends Payee {
  personId: string;
  amount: MoneyString;
}

/**
 * A maker (经办人) draws up a batch: explicit lines, or `payOutstanding` — everyone enrolled who is still owed,
 * for all they are owed, in enrollment order. A draft reserves nothing.
 */
export interface DraftPaymentBatch {
  type: 'DraftPaymentBatch';
  data: { batchId: string; programCode: ProgramCode; year: number; maker: string } & (
    | { mode: 'lines'; lines: readonly DraftLineInput[] }
    | { mode: 'payOutstanding'; payeeOf: (personId: string) => Payee | undefined }
  );
}

export type DraftWarning = PaymentBatchDrafted['data']['warnings'][number];

/** A drafted batch before it is written (`chunkDraft` turns it into the batch stream's events). */
export interface PaymentBatchDraft {
  batchId: string;
  programCode: ProgramCode;
  year: number;
  maker: string;
  mode: 'lines' | 'payOutstanding';
  lineCount: number;
  total: MoneyString;
  warnings: DraftWarning[];
  lines: PaymentBatchLine[]; // numbered 1..n, lineId `${batchId}-${lineNo}`
}

/**
 * The draft, or a refusal: no lines or an amount not > 0 (400); program-year not opened (404); a person not
 * enrolled, or lines above what a person is still owed — several lines for one person may share what they are
 * owed (422, naming each line `lines[i]` and the amount owed). Funds are not required yet: a source that would
 * fall short at today's balances is reported in `warnings`; approval checks again.
 */
export function draftPaymentBatch(command: DraftPaymentBatch, state: ProgramYearState): PaymentBatchDraft {
  const { batchId, programCode, year, maker } = command.data;
  if (command.data.mode === 'lines') validateLines(command.data.lines);
  assertSameProgramYear(state, programCode, year);
  openedConfig(state);

  const inputs =
    command.data.mode === 'lines' ? command.data.lines : everyoneOwed(state, command.data.payeeOf);
  if (inputs.length === 0) throw ruleBroken(`nobody is owed anything in ${programCode} ${year}`);
  checkOwed(inputs, state);

  const lines = inputs.map((input, i): PaymentBatchLine => ({
    lineId: lineIdOf(batchId, i + 1),
    lineNo: i + 1,
    personId: input.personId,
    certificateNumber: input.certificateNumber,
    name: input.name,
    bankAccount: input.bankAccount,
    amount: input.amount,
  }));
  const amounts = lines.map((l) => money(l.amount));
  return {
    batchId,
    programCode,
    year,
    maker,
    mode: command.data.mode,
    lineCount: lines.length,
    total: formatMoney(sumMoney(amounts)),
    warnings: fundingWarnings(amounts, state),
    lines,
  };
}

function validateLines(lines: readonly DraftLineInput[]): void {
  const errors = new FieldErrors();
  if (lines.length === 0) errors.add('lines', 'must hold at least one line');
  lines.forEach((line, i) => errors.money(`lines[${i}].amount`, line.amount, { positive: true }));
  errors.throwIfAny();
}

function everyoneOwed(
  state: ProgramYearState,
  payeeOf: (personId: string) => Payee | undefined,
): DraftLineInput[] {
  const lines: DraftLineInput[] = [];
  for (const { personId } of state.enrollments.values()) {
    const owed = outstandingOf(state, personId);
    if (!owed.gt(0)) continue;
    const payee = payeeOf(personId);
    if (!payee) throw new Error(`enrolled person ${personId} is not in the registry`);
    lines.push({ personId, ...payee, amount: formatMoney(owed) });
  }
  return lines;
}

/** Lines of one person share what that person is still owed, in line order. */
function checkOwed(lines: readonly DraftLineInput[], state: ProgramYearState): void {
  const errors: FieldError[] = [];
  const owed = new Map<string, Decimal>();
  lines.forEach((line, i) => {
    if (!state.enrollments.has(line.personId)) {
      errors.push({
        field: `lines[${i}].certificateNumber`,
        message: `${line.certificateNumber} is not enrolled in ${state.programCode} ${state.year}`,
      });
      return;
    }
    const stillOwed = owed.get(line.personId) ?? outstandingOf(state, line.personId);
    const amount = money(line.amount);
    if (amount.gt(stillOwed)) {
      errors.push({
        field: `lines[${i}].amount`,
        message: `${line.amount} is more than the ${formatMoney(stillOwed)} still owed to ${line.certificateNumber}`,
      });
    } else {
      owed.set(line.personId, stillOwed.minus(amount));
    }
  });
  if (errors.length > 0) throw ruleBroken(`${errors.length} line(s) would pay more than is owed`, errors);
}

/** What the batch would take from each source if approved now, against what the source holds. */
function fundingWarnings(amounts: readonly Decimal[], state: ProgramYearState): DraftWarning[] {
  const config = openedConfig(state);
  const splits = allocateFunds({
    policy: config.fundingPolicy,
    plan: { upper: money(config.fundingPlan.upper), county: money(config.fundingPlan.county) },
    disbursedBefore: state.disbursed,
    amounts,
  });
  const warnings: DraftWarning[] = [];
  for (const source of ['upper', 'county'] as const) {
    const needed = sumMoney(splits.map((s) => s[source]));
    const shortfall = needed.minus(availableOf(state, source));
    if (shortfall.gt(0)) {
      warnings.push({
        source,
        shortfall: formatMoney(shortfall),
        message: `${SOURCE_NAMES[source]} funds hold ${formatMoney(availableOf(state, source))}; this batch would need ${formatMoney(needed)} (short by ${formatMoney(shortfall)}). Approval needs the money received first.`,
      });
    }
  }
  return warnings;
}
