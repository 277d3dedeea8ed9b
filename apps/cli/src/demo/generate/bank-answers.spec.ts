import { BANK_FAILURE_REASONS, bankAnswers } from './bank-answers';

describe('bankAnswers', () => {
  const lines = Array.from({ length: 40 }, (_, i) => ({ lineId: `b-${i + 1}` }));

  it('answers every line once, in order: the failures with their reasons, the rest paid', () => {
    const reasons = Object.values(BANK_FAILURE_REASONS);
    const answers = bankAnswers(lines, reasons, 3);
    expect(answers.map((a) => a.lineId)).toEqual(lines.map((l) => l.lineId));
    const failed = answers.filter((a) => a.result === 'failed');
    expect(failed.map((a) => a.reason).sort()).toEqual([...reasons].sort());
    expect(answers.filter((a) => a.result === 'paid')).toHaveLength(37);
    expect(answers.filter((a) => a.result === 'paid').every((a) => a.reason === undefined)).toBe(true);
  });

  it('fails the same lines for the same seed', () => {
    expect(bankAnswers(lines, ['x'], 5)).toEqual(bankAnswers(lines, ['x'], 5));
  });

  it('refuses more failures than lines', () => {
    expect(() => bankAnswers(lines.slice(0, 1), ['x', 'y'], 1)).toThrow(RangeError);
  });
});
