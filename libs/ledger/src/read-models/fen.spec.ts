import { D } from '@subsidy/domain/shared/money';
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
