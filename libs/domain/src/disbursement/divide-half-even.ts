/**
 * n / d rounded half-even (banker's rounding) to an integer, d > 0: the one rounding of the proportional split,
 * shared by `FundsAllocator` (decimal amounts) and `FenSplitter` (fen amounts) so both round alike.
 */
export function divideHalfEven(n: bigint, d: bigint): bigint {
  if (n < 0n) return -divideHalfEven(-n, d);
  const q = n / d;
  const twice = (n % d) * 2n;
  return twice > d || (twice === d && q % 2n === 1n) ? q + 1n : q;
}
