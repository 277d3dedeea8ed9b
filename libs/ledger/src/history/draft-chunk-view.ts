import { chunkLinesOf } from '@subsidy/domain/disbursement/chunk-lines';
import type { PaymentBatchLine, PaymentBatchLinesDrafted } from '@subsidy/domain/events/payment-batch-events';

/**
 * A draft chunk event's data as histories show it, whichever version stored it: `{batchId, chunk, lines}`, each
 * line an object with its id, as version 1 recorded them — version 2's columns (personIds, bankAccounts, …) are
 * never shown, so answers keep their shape and masking (which goes by key: personId, bankAccount, …) applies.
 */
export function draftChunkView(
  data: unknown,
  keep: (personId: string) => boolean = () => true,
): { batchId: string; chunk: number; lines: PaymentBatchLine[] } {
  const c = chunkLinesOf(data as PaymentBatchLinesDrafted['data']);
  const lines: PaymentBatchLine[] = [];
  for (let i = 0; i < c.count; i++) if (keep(c.personIds[i]!)) lines.push(c.lineAt(i));
  return { batchId: c.batchId, chunk: c.chunk, lines };
}
