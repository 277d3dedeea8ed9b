import Decimal from 'decimal.js';

/**
 * Money is yuan as decimal.js inside and a string with exactly two decimals at every edge (JSON, events,
 * CSV). It is never a JS number. Rounding happens only where a function says so, half-even to the fen.
 */
export type MoneyString = string;

/** Exact arithmetic with room for any county or province total; rounding is explicit (toDecimalPlaces). */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export type Dec = Decimal;

const MONEY_RE = /^(0|[1-9]\d{0,14})\.\d{2}$/;

/** True for "0.00", "12000.00"; false for numbers, "12000", "1.234", "-1.00", "01.00". */
export function isMoneyString(value: unknown): value is MoneyString {
  return typeof value === 'string' && MONEY_RE.test(value);
}

/**
 * Recently parsed amounts: the same few amounts recur in every line of a batch and every enrollment of a
 * program-year, and decimals are immutable, so one parse serves them all.
 */
const parsed = new Map<string, Decimal>();

/** Parses a validated two-decimal string. Throws on anything else: callers validate at the edge first. */
export function money(value: MoneyString): Decimal {
  let amount = parsed.get(value);
  if (amount === undefined) {
    if (!isMoneyString(value)) throw new TypeError(`not a two-decimal money string: ${JSON.stringify(value)}`);
    amount = new D(value);
    if (parsed.size >= 4096) parsed.clear();
    parsed.set(value, amount);
  }
  return amount;
}

/** Formats an amount already exact to the fen; throws if it is not (rounding must be stated where it happens). */
export function formatMoney(value: Decimal): MoneyString {
  if (value.decimalPlaces() > 2) throw new RangeError(`amount ${value.toString()} is not exact to the fen`);
  return value.toFixed(2);
}

export const ZERO: Decimal = new D(0);

export function sumMoney(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}
