import fc from 'fast-check';
import { D, isMoneyString } from '@subsidy/domain/shared/money';
import { decimalToFen, fenToDecimal, fenToMoney, toFen } from './fen';

describe('fen: exact integer money inside the read models', () => {
  it('round-trips two-decimal strings through integer fen', () => {
    for (const m of [
      '0.00',
      '0.01',
      '0.10',
      '1.00',
      '12000.00',
      '133500.00',
      '74499.99',
      '90071992547409.91',
    ]) {
      expect(fenToMoney(toFen(m))).toBe(m);
    }
    expect(toFen('12000.00')).toBe(1_200_000);
  });

  it('formats negative amounts with their sign', () => {
    expect(fenToMoney(-5)).toBe('-0.05');
    expect(fenToMoney(-123456)).toBe('-1234.56');
  });

  it('refuses what is not money exact to the fen', () => {
    expect(() => toFen('1.234')).toThrow(TypeError);
    expect(() => toFen('-1.00')).toThrow(TypeError);
    expect(() => fenToMoney(0.5)).toThrow(RangeError);
    expect(() => decimalToFen(new D('0.005'))).toThrow(RangeError);
    expect(() => toFen('900719925474099.93')).toThrow(RangeError); // beyond exact integers
  });

  it('converts decimal.js amounts both ways without floating point', () => {
    expect(decimalToFen(new D('0.3').plus('0.6'))).toBe(90);
    expect(fenToDecimal(90).equals(new D('0.9'))).toBe(true);
  });
});

describe('fen: decimal.js amounts of every shape', () => {
  it.each([
    ['0', 0],
    ['0.1', 10],
    ['0.01', 1],
    ['-0.05', -5],
    ['12000', 1_200_000],
    ['66750.5', 6_675_050],
    ['1e+21', NaN],
  ])('%s yuan', (value, fen) => {
    if (Number.isNaN(fen)) expect(() => decimalToFen(new D(value))).toThrow(RangeError);
    else expect(decimalToFen(new D(value))).toBe(fen);
  });
});

describe('fen: toFen reads exactly the strings isMoneyString accepts', () => {
  /** The plain definition: validate, drop the dot, parse; what toFen must agree with on every input. */
  const reference = (value: string): number | 'TypeError' | 'RangeError' => {
    if (!isMoneyString(value)) return 'TypeError';
    const fen = Number(value.replace('.', ''));
    return Number.isSafeInteger(fen) ? fen : 'RangeError';
  };
  const outcome = (value: string): number | string => {
    try {
      return toFen(value);
    } catch (e) {
      return (e as Error).name;
    }
  };
  /** Money-like strings: digits, maybe a sign, a dot somewhere, and the odd stray character. */
  const moneyLike = fc
    .array(fc.constantFrom(...'0123456789', '.', '-', '+', ' ', 'e', '٣'), { maxLength: 20 })
    .map((chars) => chars.join(''));
  /** Digits, a dot, digits: leading zeros, too many or too few decimals, too many digits. */
  const nearlyMoney = fc
    .tuple(fc.stringMatching(/^[0-9]{0,17}$/), fc.stringMatching(/^[0-9]{0,3}$/))
    .map(([yuan, fen]) => `${yuan}.${fen}`);
  const wellFormed = fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), fc.integer({ min: 0, max: 99 }))
    .map(([yuan, fen]) => `${yuan}.${String(fen).padStart(2, '0')}`);

  it('agrees with validating, dropping the dot and parsing, on any string', () => {
    fc.assert(
      fc.property(fc.oneof(wellFormed, nearlyMoney, moneyLike, fc.string()), (value) => {
        expect(outcome(value)).toEqual(reference(value));
      }),
      { numRuns: 5000 },
    );
  });

  it('is exact up to the largest safe integer and refuses the first amount beyond it', () => {
    expect(toFen('90071992547409.91')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toFen('90071992547409.92')).toThrow(RangeError);
    expect(() => toFen('999999999999999.99')).toThrow(RangeError);
    expect(() => toFen('1000000000000000.00')).toThrow(TypeError); // 16 digits before the dot
  });
});
