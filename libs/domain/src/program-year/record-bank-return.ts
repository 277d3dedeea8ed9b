import type { ProgramCode } from '../catalogue/program-code';
import { formatMoney } from '../shared/money';
import type { BankLineResult, BankReturnRecorded } from '../events/program-year-events';
import type { ApprovedBatch, ProgramYearState } from './program-year';
import { assertSameProgramYear, openedConfig } from './program-year-guards';
import { FieldErrors, conflict } from './refusals';

/** The bank's answer for some lines of an approved batch (银行回盘): paid, or failed with a reason. */
export interface RecordBankReturn {
  type: 'RecordBankReturn';
  data: {
    programCode: ProgramCode;
    year: number;
    batchId: string;
    lines: ReadonlyArray<{ lineNo: number; result: BankLineResult; reason?: string }>;
  };
}

/**
 * → BankReturnRecorded. The batch must be approved (409). Each line at most once per request, present in the
 * batch, a known result, and a reason when failed (400); each still `approved`, i.e. not already paid, failed
 * or reversed (409). A failed line carries its amount and its split, which go back to the person and the funds.
 * Field names (`lines[i].lineId`) follow the HTTP request, whose lines name their lineId.
 */
export function decideRecordBankReturn(
  command: RecordBankReturn,
  state: ProgramYearState,
): BankReturnRecorded[] {
  const { programCode, year, batchId, lines } = command.data;
  assertSameProgramYear(state, programCode, year);
  openedConfig(state);
  const batch = state.batches.get(batchId);
  if (!batch) throw conflict(`batch ${batchId} is not approved, so it has no bank return yet`);
  checkRequest(command.data.lines, batch);

  const settled = new FieldErrors();
  lines.forEach(({ lineNo }, i) => {
    const status = batch.lines.get(lineNo)!.status;
    if (status !== 'approved')
      settled.add(`lines[${i}].lineId`, `line ${batch.lines.get(lineNo)!.lineId} is already ${status}`);
  });
  if (settled.errors.length > 0)
    throw conflict(`batch ${batchId}: some lines are already settled`, settled.errors);

  const paid: number[] = [];
  const failed: BankReturnRecorded['data']['failed'] = [];
  for (const { lineNo, result, reason } of lines) {
    const line = batch.lines.get(lineNo)!;
    if (result === 'paid') paid.push(lineNo);
    else
      failed.push({
        lineNo,
        personId: line.personId,
        amount: formatMoney(line.amount),
        funding: { upper: formatMoney(line.funding.upper), county: formatMoney(line.funding.county) },
        reason: reason!.trim(),
      });
  }
  return [{ type: 'BankReturnRecorded', data: { batchId, programCode, year, paid, failed } }];
}

function checkRequest(lines: RecordBankReturn['data']['lines'], batch: ApprovedBatch): void {
  const errors = new FieldErrors();
  if (lines.length === 0) errors.add('lines', 'must name at least one line');
  const seen = new Set<number>();
  lines.forEach(({ lineNo, result, reason }, i) => {
    const field = `lines[${i}]`;
    if (seen.has(lineNo)) errors.add(`${field}.lineId`, `line ${lineNo} appears more than once`);
    seen.add(lineNo);
    if (!batch.lines.has(lineNo))
      errors.add(`${field}.lineId`, `batch ${batch.batchId} has no line ${lineNo}`);
    if (result !== 'paid' && result !== 'failed') errors.add(`${field}.result`, 'must be "paid" or "failed"');
    if (result === 'failed' && (typeof reason !== 'string' || reason.trim() === '')) {
      errors.add(`${field}.reason`, 'a failed line needs the bank’s reason');
    }
  });
  errors.throwIfAny();
}
