import type { PaymentBatchLine } from '../events/payment-batch-events';
import {
  chunkDraft,
  chunkLines,
  EVENT_OVERHEAD_BYTES,
  MAX_APPEND_BYTES,
  MAX_CHUNK_BYTES,
} from './chunk-draft';
import { draftFromEvents } from './draft-from-events';
import type { PaymentBatchDraft } from './draft-payment-batch';
import { lineIdOf } from './line-id';

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

/** A county-size draft: 27,066 lines (every certified person in Jinzhai), Chinese names. */
function countyDraft(lineCount = 27_066): PaymentBatchDraft {
  const lines: PaymentBatchLine[] = Array.from({ length: lineCount }, (_, i) => {
    const personId = `341522198001${String(i).padStart(6, '0')}`;
    return {
      lineId: lineIdOf('fuel-2024-01', i + 1),
      lineNo: i + 1,
      personId,
      certificateNumber: `${personId}41`,
      name: '欧阳建国',
      bankAccount: `621700${String(i).padStart(13, '0')}`,
      amount: '300.00',
    };
  });
  return {
    batchId: 'fuel-2024-01',
    programCode: 'fuel-subsidy',
    year: 2024,
    maker: 'li',
    mode: 'payOutstanding',
    lineCount,
    total: `${lineCount * 3}00.00`,
    warnings: [],
    lines,
  };
}

describe('chunking a draft for EventStoreDB (each append < 1 MiB)', () => {
  it('writes a 27,066-line batch as a header and chunks, in appends under the limit', () => {
    const draft = countyDraft();

    const { events, appends } = chunkDraft(draft);

    const [header, ...chunks] = events;
    expect(header).toMatchObject({
      type: 'PaymentBatchDrafted',
      data: { lineCount: 27_066, chunkCount: chunks.length },
    });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((c) => (c.type === 'PaymentBatchLinesDrafted' ? c.data.chunk : 0))).toEqual(
      chunks.map((_, i) => i + 1),
    );
    expect(appends.flat()).toEqual(events);
    expect(appends[0]![0]).toBe(header);
    for (const append of appends) {
      const size = append.reduce((sum, e) => sum + bytes(e.data) + EVENT_OVERHEAD_BYTES, 0);
      expect(size).toBeLessThanOrEqual(MAX_APPEND_BYTES);
      expect(size).toBeLessThan(1024 * 1024);
    }
  });

  it('keeps each chunk event small (≤ 48 KiB of data: its JSON string stays a regular V8 object)', () => {
    const [, ...chunks] = chunkDraft(countyDraft()).events;

    expect(chunks.length).toBeGreaterThan(40); // ~540 lines each as columns (~225 as version-1 objects)
    for (const chunk of chunks) expect(bytes(chunk.data)).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
  });

  it('reads back the same lines, complete', () => {
    const draft = countyDraft(5_000);

    const stored = draftFromEvents(chunkDraft(draft).events);

    expect(stored?.complete).toBe(true);
    expect(stored?.lines).toEqual(draft.lines);
    expect(stored).toMatchObject({
      batchId: draft.batchId,
      maker: 'li',
      lineCount: 5_000,
      total: draft.total,
    });
  });

  it('reads a draft whose chunks are not all written as incomplete, and says which are there', () => {
    const { events } = chunkDraft(countyDraft(3_000), { maxChunkBytes: 64 * 1024 });
    const withoutSecondChunk = events.filter(
      (e) => !(e.type === 'PaymentBatchLinesDrafted' && e.data.chunk === 2),
    );

    const stored = draftFromEvents(withoutSecondChunk)!;

    expect(stored.complete).toBe(false);
    expect(stored.chunksPresent).not.toContain(2);
    expect(stored.lines.length).toBeLessThan(3_000);
  });

  it('reads chunks in chunk order whatever order they come in', () => {
    const draft = countyDraft(2_000);
    const [header, ...chunks] = chunkDraft(draft, { maxChunkBytes: 32 * 1024 }).events;
    expect(draftFromEvents([header!, ...chunks.reverse()])?.lines).toEqual(draft.lines);
  });

  it('has no draft without a header', () => {
    expect(draftFromEvents([])).toBeUndefined();
  });

  it('chunkLines keeps order, leaves no chunk empty and none over the size of its columns', () => {
    const { lines } = countyDraft(500);
    const columnsBytes = (c: PaymentBatchLine[]) =>
      (['personId', 'certificateNumber', 'name', 'bankAccount', 'amount'] as const).reduce(
        (sum, field) => sum + bytes(c.map((l) => l[field])),
        0,
      );

    const chunks = chunkLines(lines, 4_000);

    expect(chunks.flat()).toEqual(lines);
    expect(chunks.every((c) => c.length > 0 && columnsBytes(c) <= 4_000)).toBe(true);
    expect(chunks.slice(0, -1).every((c, i) => columnsBytes([...c, chunks[i + 1]![0]!]) > 4_000)).toBe(true);
  });

  it('writes chunks as columns (version 2) of consecutive lines, and refuses lines that are not', () => {
    const draft = countyDraft(1_000);
    const [, first, second] = chunkDraft(draft).events;

    expect(first!.data).toMatchObject({ batchId: 'fuel-2024-01', chunk: 1, firstLineNo: 1 });
    expect(second!.data).toMatchObject({
      chunk: 2,
      firstLineNo: 1 + (first!.data as { names: string[] }).names.length,
    });
    const renumbered = { ...draft, lines: draft.lines.map((l, i) => (i === 1 ? { ...l, lineNo: 7 } : l)) };
    expect(() => chunkDraft(renumbered)).toThrow(RangeError);
  });
});
