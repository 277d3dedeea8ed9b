import type Decimal from 'decimal.js';
import { D, type MoneyString } from '@subsidy/domain/shared/money';

/**
 * Read models keep money as integer fen (分) in INTEGER columns, so SQLite sums it exactly. Conversions go
 * through strings only — never through floating-point arithmetic — and refuse anything outside the range
 * where a JS integer is exact (±2^53 fen ≈ 90 trillion yuan).
 */
export type Fen = number;

/**
 * "12000.00" → 1200000. Every draft line and enrollment of a rebuild passes through here (two million
 * amounts), so it reads the digits itself, in one pass, instead of a regular expression, a string replace
 * and a parse: the same strings are accepted (`isMoneyString`: no sign, no leading zero, at most 15 digits,
 * exactly two decimals), and the sum is exact integer arithmetic — every partial value below 2^53 is exact,
 * and once one would not be, the result is at least 2^53 and `checked` refuses it.
 */
export function toFen(value: MoneyString): Fen {
  const dot = typeof value === 'string' ? value.length - 3 : -1;
  if (dot < 1 || dot > 15 || value.charCodeAt(dot) !== DOT || (dot > 1 && value.charCodeAt(0) === ZERO)) {
    throw notMoney(value);
  }
  let fen = 0;
  for (let i = 0; i < value.length; i++) {
    if (i === dot) continue;
    const digit = value.charCodeAt(i) - ZERO;
    if (!(digit >= 0 && digit <= 9)) throw notMoney(value);
    fen = fen * 10 + digit;
  }
  return checked(fen);
}

const DOT = 46; // '.'
const ZERO = 48; // '0'

function notMoney(value: unknown): TypeError {
  return new TypeError(`not a two-decimal money string: ${JSON.stringify(value)}`);
}

/** 1200000 → "12000.00"; negative amounts keep their sign ("-0.05"). */
export function fenToMoney(fen: Fen): MoneyString {
  checked(fen);
  const digits = String(Math.abs(fen)).padStart(3, '0');
  return `${fen < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** An amount exact to the fen, as decimal.js → fen (through its decimal string: the hot path of approvals). */
export function decimalToFen(value: Decimal): Fen {
  if (value.decimalPlaces() > 2) throw new RangeError(`amount ${value.toString()} is not exact to the fen`);
  let s = value.toString();
  if (s.includes('e')) s = value.toFixed(2); // exponent notation, only for huge values
  const dot = s.indexOf('.');
  const fraction = dot < 0 ? '' : s.slice(dot + 1);
  return checked(Number((dot < 0 ? s : s.slice(0, dot)) + fraction.padEnd(2, '0')));
}

/** fen → decimal.js yuan, exactly (an integer number converts exactly; dividing by 100 in decimal is exact). */
export function fenToDecimal(fen: Fen): Decimal {
  return new D(checked(fen)).div(100);
}

function checked(fen: number): Fen {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen amount ${fen} is not an exact integer`);
  return fen;
}
