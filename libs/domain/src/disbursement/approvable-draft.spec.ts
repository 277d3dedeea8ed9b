import type {
  PaymentBatchEvent,
  PaymentBatchLine,
  PaymentBatchLinesDrafted,
  PaymentBatchLinesDraftedV1Data,
} from '../events/payment-batch-events';
import { upcast } from '../events/upcast';
import { money } from '../shared/money';
import { approvableDraft } from './approvable-draft';
import { chunkDraft } from './chunk-draft';
import { digestLines } from './digest-lines';
import type { PaymentBatchDraft } from './draft-payment-batch';
import { lineIdOf } from './line-id';

function draftOf(lineCount: number): PaymentBatchDraft {
  const lines: PaymentBatchLine[] = Array.from({ length: lineCount }, (_, i) => {
    const personId = `341522198001${String(i).padStart(6, '0')}`;
    return {
      lineId: lineIdOf('fuel-2024-01', i + 1),
      lineNo: i + 1,
      personId,
      certificateNumber: `${personId}41`,
      name: '欧阳建国',
      bankAccount: `621700${String(i).padStart(13, '0')}`,
      amount: i % 3 === 0 ? '300.00' : '150.50',
    };
  });
  return {
    batchId: 'fuel-2024-01',
    programCode: 'fuel-subsidy',
    year: 2024,
    maker: 'li',
    mode: 'lines',
    lineCount,
    total: '0.00',
    warnings: [],
    lines,
  };
}

describe('approvableDraft (a draft read chunk by chunk into compact lines)', () => {
  it('holds what approval needs of every line, in lineNo order, and the digest of the full lines', () => {
    const draft = draftOf(3_000);

    const read = approvableDraft(chunkDraft(draft, { maxChunkBytes: 32 * 1024 }).events)!;

    expect(read.complete).toBe(true);
    expect(read).toMatchObject({ batchId: draft.batchId, maker: 'li', lineCount: 3_000 });
    expect(read.lines.count).toBe(3_000);
    expect(read.lines.wellFormed).toBe(true);
    expect(read.lines.personIds).toEqual(draft.lines.map((l) => l.personId));
    expect(draft.lines.map((_, i) => read.lines.certificateNumberOf(i))).toEqual(
      draft.lines.map((l) => l.certificateNumber),
    );
    expect(read.lines.amounts.map((a) => a.toFixed(2))).toEqual(draft.lines.map((l) => l.amount));
    expect(read.lines.digest).toBe(digestLines(draft.lines));
  });

  it('puts chunks in chunk order whatever order they come in', () => {
    const draft = draftOf(2_000);
    const [header, ...chunks] = chunkDraft(draft, { maxChunkBytes: 32 * 1024 }).events;

    const read = approvableDraft([header!, ...chunks.reverse()])!;

    expect(read.complete).toBe(true);
    expect(read.lines.digest).toBe(digestLines(draft.lines));
  });

  it('reads a draft with a missing chunk as incomplete, counting the lines that are there', () => {
    const { events } = chunkDraft(draftOf(3_000), { maxChunkBytes: 64 * 1024 });
    const withoutSecond = events.filter(
      (e) => !(e.type === 'PaymentBatchLinesDrafted' && e.data.chunk === 2),
    );
    const secondLines = events.find((e) => e.type === 'PaymentBatchLinesDrafted' && e.data.chunk === 2)!;

    const read = approvableDraft(withoutSecond)!;

    expect(read.complete).toBe(false);
    expect(read.lines.count).toBe(3_000 - (secondLines.data as { personIds: unknown[] }).personIds.length);
    expect(read.lines.wellFormed).toBe(false);
  });

  it('marks lines whose amount is not money, or a chunk not following the one before, as not well-formed', () => {
    const draft = draftOf(3);
    const badAmount = { ...draft, lines: draft.lines.map((l, i) => (i === 2 ? { ...l, amount: '1.5' } : l)) };
    const [header, chunk] = chunkDraft(draft).events as [PaymentBatchEvent, PaymentBatchLinesDrafted];
    const shifted = { ...chunk, data: { ...chunk.data, firstLineNo: 2 } };
    const shortColumn = { ...chunk, data: { ...chunk.data, names: chunk.data.names.slice(1) } };
    const otherBatch = { ...chunk, data: { ...chunk.data, batchId: 'fuel-2024-02' } };

    expect(approvableDraft(chunkDraft(badAmount).events)!.lines.wellFormed).toBe(false);
    for (const bad of [shifted, shortColumn, otherBatch])
      expect(approvableDraft([header, bad])!.lines.wellFormed).toBe(false);
    expect(approvableDraft(chunkDraft(draft).events)!.lines.amounts[0]).toBe(money('300.00'));
  });

  describe('chunks stored as version 1 (one object per line), upcast', () => {
    const v1Events = (draft: PaymentBatchDraft, linesPerChunk: number): PaymentBatchEvent[] => {
      const { lines: _lines, ...header } = draft;
      const chunks: PaymentBatchEvent[] = [];
      for (let c = 0; c * linesPerChunk < draft.lines.length; c++) {
        const lines = draft.lines.slice(c * linesPerChunk, (c + 1) * linesPerChunk);
        const data: PaymentBatchLinesDraftedV1Data = { batchId: draft.batchId, chunk: c + 1, lines };
        chunks.push(upcast('PaymentBatchLinesDrafted', data, 1) as PaymentBatchEvent);
      }
      return [{ type: 'PaymentBatchDrafted', data: { ...header, chunkCount: chunks.length } }, ...chunks];
    };

    it('reads the same lines and digest as the same draft written as version 2', () => {
      const draft = { ...draftOf(2_000), total: '400900.00' };
      const v2 = approvableDraft(chunkDraft(draft, { maxChunkBytes: 16 * 1024 }).events)!;

      const v1 = approvableDraft(v1Events(draft, 225))!;

      expect(v1.complete).toBe(true);
      expect(v1.lines.wellFormed).toBe(true);
      expect(v1.lines.digest).toBe(digestLines(draft.lines));
      expect({ ...v1.lines, certificateNumberOf: undefined }).toEqual({
        ...v2.lines,
        certificateNumberOf: undefined,
      });
      expect(draft.lines.map((_, i) => v1.lines.certificateNumberOf(i))).toEqual(
        draft.lines.map((_, i) => v2.lines.certificateNumberOf(i)),
      );
    });

    it('marks lines not numbered 1..n, or whose ids are not `${batchId}-${lineNo}`, as not well-formed', () => {
      const draft = draftOf(6);
      const renumbered = { ...draft, lines: draft.lines.map((l, i) => (i === 1 ? { ...l, lineNo: 7 } : l)) };
      const renamed = { ...draft, lines: draft.lines.map((l, i) => (i === 4 ? { ...l, lineId: 'x-5' } : l)) };
      const skipped = { ...draft, lines: draft.lines.filter((_, i) => i !== 3) };

      for (const bad of [renumbered, renamed, skipped]) {
        expect(approvableDraft(v1Events(bad, 3))!.lines.wellFormed).toBe(false);
        expect(approvableDraft(v1Events(bad, 6))!.lines.wellFormed).toBe(false);
      }
      expect(approvableDraft(v1Events(draft, 3))!.lines.wellFormed).toBe(true);
    });
  });

  it('refuses a stream that does not start with its header, or repeats a chunk', () => {
    const [header, first] = chunkDraft(draftOf(10)).events;
    expect(() => approvableDraft([first!])).toThrow(/not its header/);
    expect(() => approvableDraft([header!, first!, first!])).toThrow(/twice/);
    expect(approvableDraft([])).toBeUndefined();
  });
});
