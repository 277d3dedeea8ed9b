/** Money strings as integer fen, for exact sums in assertions (never a float). */
export function fen(money: string): bigint {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(money);
  if (!m) throw new Error(`not a two-decimal money string: ${JSON.stringify(money)}`);
  const value = BigInt(m[2]!) * 100n + BigInt(m[3]!);
  return m[1] === '-' ? -value : value;
}

export function yuan(fenAmount: bigint): string {
  const sign = fenAmount < 0n ? '-' : '';
  const abs = fenAmount < 0n ? -fenAmount : fenAmount;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

export const sumFen = (amounts: readonly string[]): bigint => amounts.reduce((s, a) => s + fen(a), 0n);
