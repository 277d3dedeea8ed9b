/** Setting right what went wrong in a batch, the way the office does: new cards, a reversal with its reason. */
import type { ProgramCode } from '@subsidy/domain/catalogue/program-code';
import { ReversePaymentCommand } from '@subsidy/ledger/disbursement/commands/disbursement.commands';
import { ChangeBankAccountCommand } from '@subsidy/ledger/registry/commands/registry.commands';
import { makeBankAccount } from '../generate/bank-account';
import type { Prng } from '../generate/prng';
import { ACTORS } from './actors';
import type { Ledger } from './ledger';
import type { BatchOutcome } from './steps';

export interface Correction {
  programCode: ProgramCode;
  certificateNumber: string;
  amount: string;
  reason: string;
  /** The later batch that paid the person again (filled in when it is drawn up). */
  repaidIn?: string;
}

export const REVERSAL_REASON =
  '冲正: 卡号登记错误,款项打入他人账户,银行已追回 — paid to a wrong card; the bank recovered it';

/** 换卡: for each line the bank failed, the clerk records the person's new card, giving the bank's reason. */
export async function newCardsAfterFailures(
  ledger: Ledger,
  batch: BatchOutcome,
  prng: Prng,
): Promise<Correction[]> {
  const corrections: Correction[] = [];
  for (const answer of batch.answers.filter((a) => a.result === 'failed')) {
    const line = batch.lines.find((l) => l.lineId === answer.lineId)!;
    const reason = answer.reason!;
    await newCard(
      ledger,
      line.certificateNumber,
      `银行回盘失败(${reason}),换新卡 new card after a failed payment`,
      prng,
    );
    corrections.push({
      programCode: batch.programCode,
      certificateNumber: line.certificateNumber,
      amount: line.amount,
      reason,
    });
  }
  return corrections;
}

/** 冲正: the approver reverses one paid line of the batch (drawn at random), then the clerk corrects the card. */
export async function reverseOneLine(ledger: Ledger, batch: BatchOutcome, prng: Prng): Promise<Correction> {
  const line = prng.pick(batch.lines);
  await ledger.execute(
    ACTORS.approver,
    (ctx) => new ReversePaymentCommand(ctx, line.lineId, REVERSAL_REASON),
    REVERSAL_REASON,
  );
  await newCard(ledger, line.certificateNumber, '更正卡号 corrected card number after a reversal', prng);
  return {
    programCode: batch.programCode,
    certificateNumber: line.certificateNumber,
    amount: line.amount,
    reason: REVERSAL_REASON,
  };
}

function newCard(ledger: Ledger, certificateNumber: string, reason: string, prng: Prng): Promise<unknown> {
  const bankAccount = makeBankAccount(prng);
  return ledger.execute(
    ACTORS.clerk,
    (ctx) => new ChangeBankAccountCommand(ctx, certificateNumber, { bankAccount, reason }),
    reason,
  );
}
