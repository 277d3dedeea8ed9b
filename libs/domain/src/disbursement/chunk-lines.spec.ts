import type { PaymentBatchLine } from '../events/payment-batch-events';
import { upcast } from '../events/upcast';
import { chunkLinesOf, linesChunk, linesChunkFromV1, linesOfChunk } from './chunk-lines';
import { LinesDigest, digestLines } from './digest-lines';
import { lineIdOf } from './line-id';

const lines: PaymentBatchLine[] = [301, 302, 303].map((lineNo) => ({
  lineId: lineIdOf('b-7', lineNo),
  lineNo,
  personId: `34152219800101${lineNo}0`,
  certificateNumber: `34152219800101${lineNo}041`,
  name: lineNo === 302 ? '欧阳"建国"' : '李梅',
  bankAccount: `6217000000000${lineNo}`,
  amount: lineNo === 303 ? '1500.05' : '300.00',
}));
const v1 = { batchId: 'b-7', chunk: 2, lines };

describe('a draft chunk event, version 2 (columns) and version 1 (one object per line)', () => {
  it('writes consecutive lines as columns, with the first line number and no line ids', () => {
    expect(linesChunk('b-7', 2, lines)).toEqual({
      batchId: 'b-7',
      chunk: 2,
      firstLineNo: 301,
      personIds: lines.map((l) => l.personId),
      certificateNumbers: lines.map((l) => l.certificateNumber),
      names: ['李梅', '欧阳"建国"', '李梅'],
      bankAccounts: lines.map((l) => l.bankAccount),
      amounts: ['300.00', '300.00', '1500.05'],
    });
  });

  it('upcasts version 1 to the columns drafting writes now', () => {
    expect(upcast('PaymentBatchLinesDrafted', v1, 1)).toEqual({
      type: 'PaymentBatchLinesDrafted',
      data: linesChunk('b-7', 2, lines),
    });
    expect(upcast('PaymentBatchLinesDrafted', linesChunk('b-7', 2, lines), 2).data).toEqual(
      linesChunk('b-7', 2, lines),
    );
  });

  it('upcasts a version-1 chunk whose lines are not consecutive `${batchId}-${lineNo}` with first line 0', () => {
    const gap = { ...v1, lines: [lines[0]!, lines[2]!] };
    const foreignId = { ...v1, lines: [lines[0]!, { ...lines[1]!, lineId: 'b-8-302' }] };
    expect(linesChunkFromV1(gap).firstLineNo).toBe(0);
    expect(linesChunkFromV1(foreignId).firstLineNo).toBe(0);
    expect(linesChunkFromV1(gap).personIds).toEqual([lines[0]!.personId, lines[2]!.personId]);
  });

  it('reads the same lines from either version, each line exactly as a version-1 chunk stores it', () => {
    const fromV1 = chunkLinesOf(v1);
    const fromV2 = chunkLinesOf(linesChunk('b-7', 2, lines));

    for (const read of [fromV1, fromV2]) {
      expect(read).toMatchObject({
        batchId: 'b-7',
        chunk: 2,
        count: 3,
        amounts: ['300.00', '300.00', '1500.05'],
      });
      expect([0, 1, 2].map((i) => read.lineNoAt(i))).toEqual([301, 302, 303]);
      expect(read.personIds).toEqual(lines.map((l) => l.personId));
    }
    // Key order too: history answers show these objects as they are.
    expect(JSON.stringify(linesOfChunk(linesChunk('b-7', 2, lines)))).toBe(JSON.stringify(v1.lines));
    expect(linesOfChunk(v1)).toEqual(lines);
  });

  it('digests the lines of a chunk, whatever its version, as the lines themselves', () => {
    const first = linesChunk('b-7', 1, [{ ...lines[0]!, lineNo: 1, lineId: 'b-7-1' }]);
    const rest = linesChunk(
      'b-7',
      2,
      [2, 3].map((n, i) => ({ ...lines[i + 1]!, lineNo: n, lineId: `b-7-${n}` })),
    );

    const streamed = new LinesDigest().updateChunk(first).updateChunk(rest).digest();

    expect(streamed).toBe(digestLines([...linesOfChunk(first), ...linesOfChunk(rest)]));
    expect(new LinesDigest().updateChunk(linesChunkFromV1(v1)).digest()).toBe(digestLines(lines));
  });
});
