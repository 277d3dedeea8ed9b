/** The bank's answer file (银行回盘) for a batch: every line paid except the failures asked for. Pure. */
import { Prng } from './prng';

export interface BankAnswer {
  lineId: string;
  result: 'paid' | 'failed';
  reason?: string;
}

/** Reasons a bank gives for a line it could not pay. */
export const BANK_FAILURE_REASONS = {
  closed: '账户已销户 account closed',
  mismatch: '户名与账号不符 name does not match the account',
  frozen: '账户已冻结 account frozen',
} as const;

/** One answer per line, in line order; `failures` reasons go to lines drawn at random (seeded). */
export function bankAnswers(
  lines: ReadonlyArray<{ lineId: string }>,
  failures: readonly string[],
  seed: number,
): BankAnswer[] {
  if (failures.length > lines.length)
    throw new RangeError(`${failures.length} failures asked for ${lines.length} lines`);
  const failing = new Map<number, string>();
  const order = new Prng(seed).shuffle(lines.map((_, i) => i));
  failures.forEach((reason, k) => failing.set(order[k]!, reason));
  return lines.map((line, i) => {
    const reason = failing.get(i);
    return reason === undefined
      ? { lineId: line.lineId, result: 'paid' }
      : { lineId: line.lineId, result: 'failed', reason };
  });
}
