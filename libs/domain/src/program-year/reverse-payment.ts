import type { ProgramCode } from '../catalogue/program-code';
import { formatMoney } from '../shared/money';
import type { PaymentReversed } from '../events/program-year-events';
import type { ProgramYearState } from './program-year';
import { assertSameProgramYear, openedConfig } from './program-year-guards';
import { conflict, invalid, notFound } from './refusals';

/** Undoes one payment line (冲正): the money goes back to the person's outstanding and to each source. */
export interface ReversePayment {
  type: 'ReversePayment';
  data: { programCode: ProgramCode; year: number; batchId: string; lineNo: number; reason: string };
}

/**
 * → PaymentReversed with the line's amount and split. Reason required (400); the line must exist in an
 * approved batch (404) and be approved or paid — a failed line already gave its money back, a reversed one
 * cannot be reversed twice (409).
 */
export function decideReversePayment(command: ReversePayment, state: ProgramYearState): PaymentReversed[] {
  const { programCode, year, batchId, lineNo, reason } = command.data;
  if (typeof reason !== 'string' || reason.trim() === '')
    throw invalid([{ field: 'reason', message: 'is required' }]);
  assertSameProgramYear(state, programCode, year);
  openedConfig(state);
  const line = state.batches.get(batchId)?.lines.get(lineNo);
  if (!line) throw notFound(`no approved payment line ${lineNo} in batch ${batchId}`);
  if (line.status === 'failed' || line.status === 'reversed') {
    throw conflict(`payment ${line.lineId} is already ${line.status}; its money was given back then`);
  }
  return [
    {
      type: 'PaymentReversed',
      data: {
        batchId,
        programCode,
        year,
        lineId: line.lineId,
        lineNo,
        personId: line.personId,
        amount: formatMoney(line.amount),
        funding: { upper: formatMoney(line.funding.upper), county: formatMoney(line.funding.county) },
        reason: reason.trim(),
      },
    },
  ];
}
