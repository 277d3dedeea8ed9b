import { lineIdOf, parseLineId } from './line-id';

describe('line ids', () => {
  it('round-trip, also for batch ids with dashes', () => {
    const batchId = '0190f1c2-7a3b-7c00-8000-000000000001';
    expect(parseLineId(lineIdOf(batchId, 27066))).toEqual({ batchId, lineNo: 27066 });
  });

  it.each(['b1', 'b1-0', 'b1-', '-3', 'b1-01', 'b1-x'])('rejects %s', (text) => {
    expect(parseLineId(text)).toBeUndefined();
  });
});
