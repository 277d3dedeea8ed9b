import { createHash } from 'node:crypto';
import type { PaymentBatchLine } from '../events/payment-batch-events';
import { LinesDigest, digestLines } from './digest-lines';

const line = (lineNo: number, overrides: Partial<PaymentBatchLine> = {}): PaymentBatchLine => ({
  lineId: `b1-${lineNo}`,
  lineNo,
  personId: '341522198001010011',
  certificateNumber: '34152219800101001162',
  name: '张三',
  bankAccount: '6217000000000000001',
  amount: '2000.00',
  ...overrides,
});

describe('digestLines', () => {
  it('is the SHA-256 of the canonical JSON of the lines, whatever order their keys were written in', () => {
    const lines = [line(1), line(2)];
    const reordered = lines.map(
      ({ amount, name, ...rest }) => ({ amount, ...rest, name }) as PaymentBatchLine,
    );

    const expected = createHash('sha256').update(JSON.stringify(lines), 'utf8').digest('hex');

    expect(digestLines(lines)).toBe(expected);
    expect(digestLines(reordered)).toBe(expected);
  });

  it('changes when any line changes: a changed account or amount cannot pass as the approved draft', () => {
    const lines = [line(1), line(2)];
    expect(digestLines([line(1), line(2, { bankAccount: '6217000000000000999' })])).not.toBe(
      digestLines(lines),
    );
    expect(digestLines([line(1), line(2, { amount: '2000.01' })])).not.toBe(digestLines(lines));
    expect(digestLines([line(2), line(1)])).not.toBe(digestLines(lines));
  });
});

describe('LinesDigest', () => {
  it('fed chunk by chunk gives digestLines of all the lines', () => {
    const lines = Array.from({ length: 7 }, (_, i) => line(i + 1, { lineId: `b1-${i + 1}` }));
    const streamed = new LinesDigest().update(lines.slice(0, 3)).update([]).update(lines.slice(3)).digest();
    expect(streamed).toBe(digestLines(lines));
  });
});
