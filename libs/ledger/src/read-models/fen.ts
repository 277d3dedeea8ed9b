import type Decimal from 'decimal.js';
import { D, isMoneyString, type MoneyString } from '@subsidy/domain/shared/money';

/**
 * Read models keep money as integer fen (分) in INTEGER columns, so SQLite sums it exactly. Conversions go
 * through strings only — never through floating-point arithmetic — and refuse anything outside the range
 * where a JS integer is exact (±2^53 fen ≈ 90 trillion yuan).
 */
export type Fen = number;

/** "12000.00" → 1200000. */
export function toFen(value: MoneyString): Fen {
  if (!isMoneyString(value)) throw new TypeError(`not a two-decimal money string: ${JSON.stringify(value)}`);
  return checked(Number(value.replace('.', '')));
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
