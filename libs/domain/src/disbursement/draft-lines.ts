import type Decimal from 'decimal.js';
import { ZERO, isMoneyString, money } from '../shared/money';
import type { PaymentBatchLine, PaymentBatchLinesDrafted } from '../events/payment-batch-events';
import { LinesDigest } from './digest-lines';
import { linesChunkFromV1 } from './chunk-lines';
import { CertificateCodes } from './certificate-codes';

/**
 * A drafted batch's lines as approving it and folding its approval need them, compact: one array per field
 * used (the person, the certificate number refusals name as a suffix code, the amount as a shared parsed
 * decimal), indexed by lineNo − 1 — not one object per line with its id, name and bank account. A 270,660-line draft takes ~15 MB
 * this way instead of ~75 MB of line objects. The digest over the full lines is computed while they stream by.
 */
export interface DraftLines {
  readonly count: number;
  readonly personIds: readonly string[];
  /** The certificate number on line i + 1 (refusals name it). */
  certificateNumberOf(i: number): string;
  /** Two-decimal amounts parsed (ZERO where a stored amount is not one: then `wellFormed` is false). */
  readonly amounts: readonly Decimal[];
  /** `digestLines` of the lines, in the order they were added. */
  readonly digest: string;
  /** Every line numbered 1..n in the order added, with id `${batchId}-${lineNo}` and a two-decimal amount. */
  readonly wellFormed: boolean;
}

/** Builds `DraftLines` from a draft's chunks, added in lineNo order; each chunk can be dropped once added. */
export class DraftLinesBuilder {
  private readonly personIds: string[] = [];
  private readonly certificates = new CertificateCodes();
  private readonly amounts: Decimal[] = [];
  private readonly digest = new LinesDigest();
  private wellFormed = true;

  constructor(private readonly batchId: string) {}

  get count(): number {
    return this.personIds.length;
  }

  /** The next chunk's lines (a version-1 chunk is upcast first: `linesChunkFromV1`). */
  add(chunk: PaymentBatchLinesDrafted['data']): this {
    const { firstLineNo, personIds, certificateNumbers, amounts } = chunk;
    const n = personIds.length;
    const columns = [certificateNumbers, chunk.names, chunk.bankAccounts, amounts];
    if (
      chunk.batchId !== this.batchId ||
      (n > 0 && firstLineNo !== this.personIds.length + 1) ||
      columns.some((column) => column.length !== n)
    ) {
      this.wellFormed = false;
    }
    for (let i = 0; i < n; i++) {
      const slot = this.personIds.length;
      const amount = amounts[i];
      const moneyAmount = isMoneyString(amount);
      if (!moneyAmount) this.wellFormed = false;
      this.personIds.push(personIds[i]!);
      this.certificates.set(slot, personIds[i]!, certificateNumbers[i] ?? '');
      this.amounts.push(moneyAmount ? money(amount) : ZERO);
    }
    this.digest.updateChunk(chunk);
    return this;
  }

  finish(): DraftLines {
    const { personIds, certificates } = this;
    return {
      count: personIds.length,
      personIds,
      certificateNumberOf: (i) => certificates.get(i, personIds[i]!),
      amounts: this.amounts,
      digest: this.digest.digest(),
      wellFormed: this.wellFormed,
    };
  }
}

/** `DraftLines` of lines already in memory (tests, small drafts), judged as one stored chunk of them would be. */
export function draftLinesOf(batchId: string, lines: readonly PaymentBatchLine[]): DraftLines {
  return new DraftLinesBuilder(batchId)
    .add(linesChunkFromV1({ batchId, chunk: 1, lines: [...lines] }))
    .finish();
}
