import { createHash, type Hash } from 'node:crypto';
import type { PaymentBatchLine, PaymentBatchLinesDrafted } from '../events/payment-batch-events';
import { chunkLinesOf } from './chunk-lines';

/**
 * SHA-256 (lower-case hex) of the canonical JSON of the draft lines, as recorded in
 * `PaymentBatchApproved.linesDigest`: `JSON.stringify` of the array of lines, in the order given (lineNo order),
 * each written with exactly these keys in this order: lineId, lineNo, personId, certificateNumber, name,
 * bankAccount, amount. Hashed line by line so a 27,066-line batch never builds one big string. The digest is of
 * the lines, not of how a chunk event stores them: a version-1 chunk and its version-2 columns hash alike.
 */
export function digestLines(lines: readonly PaymentBatchLine[]): string {
  return new LinesDigest().update(lines).digest();
}

/** `digestLines` fed a chunk at a time: a draft's lines are hashed as they are read, never all held at once. */
export class LinesDigest {
  private readonly hash: Hash = createHash('sha256').update('[');
  private count = 0;

  update(lines: readonly PaymentBatchLine[]): this {
    for (const line of lines) this.add(line);
    return this;
  }

  /** The lines of a (version-2) chunk event, each as `update` would hash it written as an object. */
  updateChunk(chunk: PaymentBatchLinesDrafted['data']): this {
    const lines = chunkLinesOf(chunk);
    for (let i = 0; i < lines.count; i++) this.add(lines.lineAt(i));
    return this;
  }

  private add(line: PaymentBatchLine): void {
    if (this.count++ > 0) this.hash.update(',');
    this.hash.update(JSON.stringify(canonicalLine(line)), 'utf8');
  }

  digest(): string {
    return this.hash.update(']').digest('hex');
  }
}

function canonicalLine(line: PaymentBatchLine): PaymentBatchLine {
  const { lineId, lineNo, personId, certificateNumber, name, bankAccount, amount } = line;
  return { lineId, lineNo, personId, certificateNumber, name, bankAccount, amount };
}
