import type Database from 'better-sqlite3';
import type { EventHasher } from '../chain/event-hasher';
import type { Fault } from '../chain/fault';
import type { AuditLog } from '../log/audit-log';
import { compareReadModels } from '../read-models/compare-read-models';
import { FreshReplay } from '../read-models/fresh-replay';
import { readSealLeaves, sealLeavesPath } from '../seal/seal-leaves-file';
import type { SealReceipt } from '../seal/seal-receipt';
import { listSeals } from './list-seals';
import { LogVerifier, type LogVerification } from './log-verifier';

/** The live read models of this node (`readmodels.sqlite`) and the projection runner that feeds them. */
export interface LiveReadModels {
  readonly db: Database.Database;
  /** Applies the log up to its head (the runner's catch-up). */
  catchUp(): Promise<void>;
}

export interface VerifyLedgerInput {
  readonly log: AuditLog;
  readonly hashOf: EventHasher;
  /** Where seals' leaves files are kept. */
  readonly dataDir: string;
  readonly receipts?: readonly SealReceipt[];
  /** Omitted when this node has no read models: there is nothing to compare then. */
  readonly live?: LiveReadModels;
}

export type ReadModelCheck =
  | {
      readonly position: bigint;
      readonly projections: number;
      readonly tables: number;
      readonly rows: number;
    }
  | { readonly skipped: string };

export interface LedgerVerification extends LogVerification {
  readonly readModels: ReadModelCheck;
}

/**
 * Everything `verify` checks, in one streaming pass over the log: the hash chain, every seal, the receipts,
 * and — fed by the same pass — a fresh replay of the read models, compared at the end with the live ones
 * brought up to date. Memory is per stream (heads) and per batch, never per event.
 */
export async function verifyLedger(input: VerifyLedgerInput): Promise<LedgerVerification> {
  const verifier = new LogVerifier({
    hashOf: input.hashOf,
    seals: await listSeals(input.log),
    sealedLeaves: (position) => readSealLeaves(sealLeavesPath(input.dataDir, position)),
    receipts: input.receipts,
  });
  const fresh = input.live ? FreshReplay.open() : undefined;
  try {
    for await (const entry of input.log.entries()) {
      verifier.take(entry);
      if (entry.kind === 'event') fresh?.add(entry.event);
    }
    const readModels =
      input.live && fresh
        ? await checkReadModels(input.live, fresh, input.log, verifier)
        : { check: { skipped: 'this node keeps no read models' } };
    const log = verifier.finish();
    const faults = readModels.fault ? [...log.faults, readModels.fault] : log.faults;
    return {
      ...log,
      faults,
      faultCount: log.faultCount + (readModels.fault ? 1 : 0),
      readModels: readModels.check,
    };
  } finally {
    fresh?.close();
  }
}

/**
 * Brings the live read models up to date, then compares them with the fresh replay at the very position
 * they reflect: inside one read transaction (a snapshot, while a running server may go on writing), the
 * fresh replay is carried forward to the live checkpoint if the log grew meanwhile.
 */
async function checkReadModels(
  live: LiveReadModels,
  fresh: FreshReplay,
  log: AuditLog,
  verifier: LogVerifier,
): Promise<{ check: ReadModelCheck; fault?: Fault }> {
  try {
    await live.catchUp();
  } catch (e) {
    const message = `the read models could not be brought up to date: ${e instanceof Error ? e.message : String(e)}`;
    return { check: { skipped: message }, fault: { kind: 'read-models', message } };
  }
  live.db.exec('BEGIN');
  try {
    const checkpoint = lowestCheckpoint(live.db, fresh.projections);
    if (checkpoint > (verifier.lastPosition ?? 0n)) {
      for await (const entry of log.entries(verifier.lastPosition ?? 0n)) {
        if ((entry.kind === 'event' ? entry.event.position : entry.ref.position) > checkpoint) break;
        verifier.take(entry);
        if (entry.kind === 'event') fresh.add(entry.event);
      }
    }
    fresh.flush();
    if (fresh.failure !== undefined) {
      return { check: { skipped: fresh.failure }, fault: { kind: 'read-models', message: fresh.failure } };
    }
    const last = verifier.lastPosition ?? 0n;
    if (checkpoint !== last) {
      const message =
        checkpoint > last
          ? `the read models have applied the log up to position ${checkpoint.toString()}, but it now ends at ${last.toString()}: events after ${last.toString()} were removed`
          : `the read models could not be brought up to position ${last.toString()} (they stop at ${checkpoint.toString()})`;
      return { check: { skipped: message }, fault: { kind: 'read-models', message } };
    }
    const result = compareReadModels(live.db, fresh.db, fresh.projections);
    const check = {
      position: last,
      projections: fresh.projections.length,
      tables: result.tables,
      rows: result.rows,
    };
    if (!result.difference) return { check };
    const { table, message } = result.difference;
    return {
      check,
      fault: {
        kind: 'read-models',
        message: `table ${table} differs from a fresh replay of the log: ${message}`,
      },
    };
  } finally {
    live.db.exec('COMMIT');
  }
}

/**
 * The position every projection has applied, read from the runner's `projection_checkpoints(name, version,
 * position)` inside the caller's transaction (the runner's own accessor reads outside it).
 */
function lowestCheckpoint(db: Database.Database, projections: ReadonlyArray<{ name: string }>): bigint {
  const read = db
    .prepare<[string], bigint>('SELECT position FROM projection_checkpoints WHERE name = ?')
    .pluck()
    .safeIntegers(true);
  return projections.map((p) => read.get(p.name) ?? 0n).reduce((a, b) => (b < a ? b : a), MAX_POSITION);
}

const MAX_POSITION = 2n ** 63n - 1n;
