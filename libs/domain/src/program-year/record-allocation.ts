import type { ProgramCode } from '../catalogue/program-code';
import type { MoneyString } from '../shared/money';
import type { AllocationRecorded, FundingSource } from '../events/program-year-events';
import type { ProgramYearState } from './program-year';
import { assertSameProgramYear, openedConfig } from './program-year-guards';
import { FieldErrors } from './refusals';
import { isCalendarDate } from './calendar-date';

/** Money received for the program-year: 上级拨付 (upper) or 县级配套 (county). */
export interface RecordAllocation {
  type: 'RecordAllocation';
  data: {
    allocationId: string;
    programCode: ProgramCode;
    year: number;
    source: FundingSource;
    amount: MoneyString; // > 0
    reference: string; // 文号, the allocation document
    receivedOn: string; // YYYY-MM-DD
  };
}

/** → AllocationRecorded. The program-year must be open (404); amount > 0 and the fields well-formed (400). */
export function decideRecordAllocation(
  command: RecordAllocation,
  state: ProgramYearState,
): AllocationRecorded[] {
  const { allocationId, programCode, year, source, amount, reference, receivedOn } = command.data;
  const errors = new FieldErrors();
  if (source !== 'upper' && source !== 'county') errors.add('source', 'must be "upper" or "county"');
  errors.money('amount', amount, { positive: true });
  errors.text('reference', reference);
  if (!isCalendarDate(receivedOn)) errors.add('receivedOn', 'must be a date YYYY-MM-DD');
  errors.throwIfAny();
  assertSameProgramYear(state, programCode, year);
  openedConfig(state);
  return [
    {
      type: 'AllocationRecorded',
      data: { allocationId, programCode, year, source, amount, reference, receivedOn },
    },
  ];
}
