import { createHash, type Hash } from 'node:crypto';
import type { PaymentBatchLine } from '../events/payment-batch-events';

/**
 * SHA-256 (lower-case hex) of the canonical JSON of the draft lines, as recorded in
 * `PaymentBatchApproved.linesDigest`: `JSON.stringify` of the array of lines, in the order given (lineNo order),
 * each written with exactly these keys in this order: lineId, lineNo, personId, certificateNumber, name,
 * bankAccount, amount. Hashed line by line so a 27,066-line batch never builds one big string.
 */
export function digestLines(lines: readonly PaymentBatchLine[]): string {
  return new LinesDigest().update(lines).digest();
}

/** `digestLines` fed a chunk at a time: a draft's lines are hashed as they are read, never all held at once. */
export class LinesDigest {
  private readonly hash: Hash = createHash('sha256').update('[');
  private count = 0;

  update(lines: readonly PaymentBatchLine[]): this {
    for (const line of lines) {
      if (this.count++ > 0) this.hash.update(',');
      this.hash.update(JSON.stringify(canonicalLine(line)), 'utf8');
    }
    return this;
  }

  digest(): string {
    return this.hash.update(']').digest('hex');
  }
}

function canonicalLine(line: PaymentBatchLine): PaymentBatchLine {
  const { lineId, lineNo, personId, certificateNumber, name, bankAccount, amount } = line;
  return { lineId, lineNo, personId, certificateNumber, name, bankAccount, amount };
}
