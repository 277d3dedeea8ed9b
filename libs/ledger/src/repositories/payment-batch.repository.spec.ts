import {
  HashChainedEventStore,
  SqliteEventStore,
  uuidv7,
  type EventStore,
  type JsonValue,
} from '@subsidy/event-store';
import { chunkDraft } from '@subsidy/domain/disbursement/chunk-draft';
import { digestLines } from '@subsidy/domain/disbursement/digest-lines';
import type { PaymentBatchDraft } from '@subsidy/domain/disbursement/draft-payment-batch';
import { lineIdOf } from '@subsidy/domain/disbursement/line-id';
import type { PaymentBatchLine } from '@subsidy/domain/events/payment-batch-events';
import { paymentBatchStream } from '@subsidy/domain/events/streams';
import { draftChunkView } from '../history/draft-chunk-view';
import { PaymentBatchRepository } from './payment-batch.repository';

const BATCH = 'fuel-2024-07';
const lines: PaymentBatchLine[] = Array.from({ length: 700 }, (_, i) => {
  const personId = `341522198001${String(i).padStart(6, '0')}`;
  return {
    lineId: lineIdOf(BATCH, i + 1),
    lineNo: i + 1,
    personId,
    certificateNumber: `${personId}41`,
    name: i % 2 ? '欧阳建国' : '李梅',
    bankAccount: `621700${String(i).padStart(13, '0')}`,
    amount: i % 3 ? '150.50' : '300.00',
  };
});
const draft: PaymentBatchDraft = {
  batchId: BATCH,
  programCode: 'fuel-subsidy',
  year: 2024,
  maker: 'li',
  mode: 'lines',
  lineCount: lines.length,
  total: '123550.00',
  warnings: [],
  lines,
};
const metadata = (schemaVersion: number) => ({
  schemaVersion,
  actor: 'li',
  correlationId: 'c-1',
  causationId: 'c-1',
  recordedAt: '2024-06-10T02:00:00.000Z',
});

/** The draft as drafting writes it now: chunk events of version 2. */
async function writtenNow(store: EventStore): Promise<void> {
  for (const events of chunkDraft(draft).appends) {
    const data = events.map((e) => ({
      id: uuidv7(),
      type: e.type,
      data: e.data as unknown as JsonValue,
      metadata: metadata(e.type === 'PaymentBatchDrafted' ? 1 : 2),
    }));
    await store.appendToStream(paymentBatchStream(BATCH), data);
  }
}

/** The same draft as a log recorded before holds it: chunk events of version 1, one object per line. */
async function writtenBefore(store: EventStore): Promise<void> {
  const [header] = chunkDraft(draft).events;
  const chunks = [lines.slice(0, 225), lines.slice(225, 450), lines.slice(450)];
  await store.appendToStream(paymentBatchStream(BATCH), [
    {
      id: uuidv7(),
      type: 'PaymentBatchDrafted',
      data: { ...header!.data, chunkCount: chunks.length } as unknown as JsonValue,
      metadata: metadata(1),
    },
    ...chunks.map((chunk, i) => ({
      id: uuidv7(),
      type: 'PaymentBatchLinesDrafted',
      data: { batchId: BATCH, chunk: i + 1, lines: chunk } as unknown as JsonValue,
      metadata: metadata(1),
    })),
  ]);
}

describe('PaymentBatchRepository reads a draft whichever chunk version stored it', () => {
  const stores: EventStore[] = [];
  const storeWith = async (write: (s: EventStore) => Promise<void>) => {
    const store = new HashChainedEventStore(new SqliteEventStore({ file: ':memory:' }));
    stores.push(store);
    await write(store);
    return store;
  };
  afterAll(async () => {
    for (const s of stores) await s.close();
  });

  it('gives approval the same lines and digest from version-1 chunks as from version-2 ones', async () => {
    const before = await new PaymentBatchRepository(await storeWith(writtenBefore)).approvable(BATCH);
    const now = await new PaymentBatchRepository(await storeWith(writtenNow)).approvable(BATCH);

    expect(before?.complete).toBe(true);
    expect(now?.complete).toBe(true);
    expect(now!.lines.digest).toBe(digestLines(lines));
    expect(before!.lines.digest).toBe(now!.lines.digest);
    expect(before!.lines.personIds).toEqual(now!.lines.personIds);
    expect(before!.lines.amounts).toEqual(now!.lines.amounts);
    expect(before!.lines.wellFormed && now!.lines.wellFormed).toBe(true);
  });

  it('shows histories each stored line exactly as a version-1 chunk reads back, keys in the same order', async () => {
    const shown = async (write: (s: EventStore) => Promise<void>) => {
      const store = await storeWith(write);
      const views = [];
      for await (const e of store.readStream(paymentBatchStream(BATCH)))
        if (e.type === 'PaymentBatchLinesDrafted') views.push(draftChunkView(e.data).lines);
      return JSON.stringify(views.flat());
    };

    const [now, before] = [await shown(writtenNow), await shown(writtenBefore)];
    expect(now.length).toBeGreaterThan(700 * 100);
    expect(now === before).toBe(true); // (a string of ~140 KB: not printed when it differs)
  });
});
