import type { PaymentBatchLine } from '../events/payment-batch-events';
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
    expect(read.lines.count).toBe(3_000 - (secondLines.data as { lines: unknown[] }).lines.length);
    expect(read.lines.wellFormed).toBe(false);
  });

  it('marks lines that are not numbered 1..n with their ids, or whose amount is not money, as not well-formed', () => {
    const draft = draftOf(3);
    const renumbered = { ...draft, lines: draft.lines.map((l, i) => (i === 1 ? { ...l, lineNo: 7 } : l)) };
    const badAmount = { ...draft, lines: draft.lines.map((l, i) => (i === 2 ? { ...l, amount: '1.5' } : l)) };

    expect(approvableDraft(chunkDraft(renumbered).events)!.lines.wellFormed).toBe(false);
    expect(approvableDraft(chunkDraft(badAmount).events)!.lines.wellFormed).toBe(false);
    expect(approvableDraft(chunkDraft(draft).events)!.lines.amounts[0]).toBe(money('300.00'));
  });

  it('refuses a stream that does not start with its header, or repeats a chunk', () => {
    const [header, first] = chunkDraft(draftOf(10)).events;
    expect(() => approvableDraft([first!])).toThrow(/not its header/);
    expect(() => approvableDraft([header!, first!, first!])).toThrow(/twice/);
    expect(approvableDraft([])).toBeUndefined();
  });
});
