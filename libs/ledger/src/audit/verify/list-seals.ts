import { SEAL_STREAM } from '@subsidy/domain/events/streams';
import type { AuditLog } from '../log/audit-log';
import { fromSealedData } from '../seal/seal-commitment';
import type { SealListing } from './log-verifier';

/**
 * Every seal in the seal stream, before the pass over the whole log. Nothing here is trusted: each seal is
 * checked again, chain and root, when the pass reaches it; a listing that is not a seal is not committed to.
 */
export async function listSeals(log: AuditLog): Promise<SealListing[]> {
  const seals: SealListing[] = [];
  for await (const entry of log.stream(SEAL_STREAM)) {
    if (entry.kind !== 'event' || entry.event.type !== 'LedgerSealed') continue;
    const sealed = fromSealedData(entry.event.data);
    if (sealed)
      seals.push({ position: entry.event.position, upToPosition: sealed.upToPosition, root: sealed.root });
  }
  return seals;
}
