import type { EventStore } from '@subsidy/event-store/port/event-store.port';
import { uuidv7 } from '@subsidy/event-store/envelope/event-ids';
import { SEAL_STREAM } from '@subsidy/domain/events/streams';
import { EventWriter } from '../../infrastructure/event-writer';
import type { EventHasher } from '../chain/event-hasher';
import type { AuditLog } from '../log/audit-log';
import { listSeals } from '../verify/list-seals';
import { LogVerifier, type LogVerification } from '../verify/log-verifier';
import { toSealedData } from './seal-commitment';
import { sealLeavesPath, writeSealLeaves } from './seal-leaves-file';
import type { SealReceipt } from './seal-receipt';

export interface SealLedgerInput {
  readonly log: AuditLog;
  readonly store: EventStore;
  readonly hashOf: EventHasher;
  readonly dataDir: string;
  readonly clock: () => Date;
  readonly actor: string;
  readonly reason?: string;
}

export type SealOutcome =
  | { readonly sealed: Required<SealReceipt>; readonly leavesFile: string }
  | { readonly refused: LogVerification };

/**
 * Seals the log as it stands: one pass verifies every chain and earlier seal (a broken log is refused, not
 * sealed) and collects every stream's head; a LedgerSealed event then records the Merkle root over them, and
 * the leaves are kept beside the log so an auditor can recompute the root and `verify` can name a changed
 * stream.
 */
export async function sealLedger(input: SealLedgerInput): Promise<SealOutcome> {
  const verifier = new LogVerifier({ hashOf: input.hashOf, seals: await listSeals(input.log) });
  for await (const entry of input.log.entries()) verifier.take(entry);
  const { commitment, leaves } = verifier.commitmentNow();
  const checked = verifier.finish();
  if (checked.faultCount > 0) return { refused: checked };

  const now = input.clock();
  const writer = new EventWriter(input.store, () => now);
  const { position } = await writer.append(
    SEAL_STREAM,
    [{ type: 'LedgerSealed', data: toSealedData(commitment) }],
    'any',
    { actor: input.actor, correlationId: uuidv7(), causationId: uuidv7(), reason: input.reason },
  );
  const leavesFile = sealLeavesPath(input.dataDir, position);
  writeSealLeaves(leavesFile, leaves);
  return {
    sealed: { ...commitment, position, sealedAt: now.toISOString() },
    leavesFile,
  };
}
