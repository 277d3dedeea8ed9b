import type { RecordedEvent } from '@subsidy/event-store';
import type { BankReturnRecorded, PaymentBatchApproved } from '@subsidy/domain/events/program-year-events';
import type { BatchLineView } from '../read-models';
import { draftChunkView } from './draft-chunk-view';

/**
 * What an event holding many people's lines says about one person: the event's own fields with only that
 * person's lines. An approval records totals once for the whole batch; the person's lines with the split each
 * took (derived from the approval and the draft, exactly as at approval) are shown beside it.
 */
export function personSlice(
  event: RecordedEvent,
  personId: string,
  lineNos: readonly number[],
  linesOf: (batchId: string, lineNos: readonly number[]) => BatchLineView[],
): unknown {
  const wanted = new Set(lineNos);
  switch (event.type) {
    case 'PaymentBatchLinesDrafted':
      return draftChunkView(event.data, (id) => id === personId);
    case 'PaymentBatchApproved': {
      const d = event.data as unknown as PaymentBatchApproved['data'];
      return { ...d, lines: linesOf(d.batchId, lineNos).map(({ lineId, amount, funding }) => ({ lineId, amount, funding })) };
    }
    case 'BankReturnRecorded': {
      const d = event.data as unknown as BankReturnRecorded['data'];
      return {
        ...d,
        paid: d.paid.filter((n) => wanted.has(n)),
        failed: d.failed.filter((f) => f.personId === personId),
      };
    }
    default:
      return event.data;
  }
}
