import { createHash } from 'node:crypto';
import type { PaymentBatchLine } from '../events/payment-batch-events';

/**
 * SHA-256 (lower-case hex) of the canonical JSON of the draft lines, as recorded in
 * `PaymentBatchApproved.linesDigest`: `JSON.stringify` of the array of lines, in the order given (lineNo order),
 * each written with exactly these keys in this order: lineId, lineNo, personId, certificateNumber, name,
 * bankAccount, amount. Hashed line by line so a 27,066-line batch never builds one big string.
 */
export function digestLines(lines: readonly PaymentBatchLine[]): string {
  const hash = createHash('sha256');
  hash.update('[');
  lines.forEach((line, i) => {
    if (i > 0) hash.update(',');
    hash.update(JSON.stringify(canonicalLine(line)), 'utf8');
  });
  hash.update(']');
  return hash.digest('hex');
}

function canonicalLine(line: PaymentBatchLine): PaymentBatchLine {
  const { lineId, lineNo, personId, certificateNumber, name, bankAccount, amount } = line;
  return { lineId, lineNo, personId, certificateNumber, name, bankAccount, amount };
}
