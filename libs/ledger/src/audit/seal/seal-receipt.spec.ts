import { formatReceiptJson, formatReceiptLine, parseReceipt } from './seal-receipt';

const receipt = {
  position: 1_000_124n,
  upToPosition: 1_000_123n,
  root: 'ab'.repeat(32),
  sealedAt: '2025-01-06T02:30:00.000Z',
  streamCount: 31_207,
  eventCount: 1_000_123,
};

describe('seal receipts', () => {
  it('fit on one line an auditor can copy into a report', () => {
    expect(formatReceiptLine(receipt)).toBe(`seal@1000124:${'ab'.repeat(32)}:2025-01-06T02:30:00.000Z`);
  });

  it('read back from the line', () => {
    expect(parseReceipt(` ${formatReceiptLine(receipt)}\n`)).toEqual({
      position: receipt.position,
      root: receipt.root,
      sealedAt: receipt.sealedAt,
    });
  });

  it('read back from the JSON form, with the position the seal covers', () => {
    const json = formatReceiptJson(receipt);
    expect(JSON.parse(json)).toMatchObject({
      position: '1000124',
      upToPosition: '1000123',
      eventCount: 1_000_123,
    });
    expect(parseReceipt(json)).toEqual({
      position: receipt.position,
      root: receipt.root,
      sealedAt: receipt.sealedAt,
      upToPosition: receipt.upToPosition,
    });
  });

  it('refuse anything that is not a whole receipt', () => {
    for (const bad of [
      'seal@12:abc:2025-01-06T02:30:00.000Z', // short root
      `seal@12:${'AB'.repeat(32)}:2025-01-06T02:30:00.000Z`, // upper-case hex
      `seal@-1:${'ab'.repeat(32)}:2025-01-06T02:30:00.000Z`,
      `seal@12:${'ab'.repeat(32)}:yesterday`,
      '{"receipt": 12',
    ]) {
      expect(() => parseReceipt(bad)).toThrow(/receipt/);
    }
  });
});
