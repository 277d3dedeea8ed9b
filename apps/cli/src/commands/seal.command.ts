import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createEventStore, expectedHash } from '@subsidy/event-store';
import { loadConfig, type LedgerConfig } from '@subsidy/ledger/config/ledger-config';
import { UserError } from '@subsidy/ledger/users/user-store';
import { openAuditLog } from '@subsidy/ledger/audit/log/open-audit-log';
import { sealLedger } from '@subsidy/ledger/audit/seal/seal-ledger';
import { formatReceiptJson, formatReceiptLine } from '@subsidy/ledger/audit/seal/seal-receipt';
import { formatVerification } from '@subsidy/ledger/audit/verify/format-verification';
import type { CliCommand } from './cli-command';

/**
 * `seal [--actor NAME] [--reason TEXT]`: verifies the log, records a LedgerSealed event over every stream's
 * head, and prints the receipt for the audit report — the line `seal@POSITION:ROOT:TIME`, then the same as
 * JSON — on stdout; where the leaves were kept goes to stderr.
 */
export const sealCommand: CliCommand = {
  name: 'seal',
  usage: 'seal [--actor NAME] [--reason TEXT]   (records a LedgerSealed event; prints the receipt)',
  run: (args) =>
    runSeal(args, loadConfig(), {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    }),
};

export async function runSeal(
  args: string[],
  config: LedgerConfig,
  io: { out: (text: string) => void; err: (text: string) => void },
): Promise<number> {
  const options = parse(args);
  fs.mkdirSync(config.dataDir, { recursive: true });
  const store = createEventStore({
    kind: config.store,
    dataDir: config.dataDir,
    connectionString: config.eventStoreConnectionString,
    clock: config.clock,
  });
  const log = openAuditLog(config.store, config.dataDir, store);
  try {
    const outcome = await sealLedger({
      log,
      store,
      hashOf: expectedHash,
      dataDir: config.dataDir,
      clock: config.clock,
      actor: options.actor ?? defaultActor(),
      reason: options.reason,
    });
    if ('refused' in outcome) {
      io.out(
        formatVerification({ ...outcome.refused, readModels: { skipped: 'not compared when sealing' } }),
      );
      io.err('seal: refused — the log does not verify, and a seal would vouch for it\n');
      return 1;
    }
    const r = outcome.sealed;
    io.out(`${formatReceiptLine(r)}\n${formatReceiptJson(r)}\n`);
    io.err(
      `sealed ${r.eventCount} events in ${r.streamCount} streams up to position ${r.upToPosition.toString()}; ` +
        `leaves kept in ${outcome.leavesFile}\n`,
    );
    return 0;
  } finally {
    log.close();
    await store.close();
  }
}

/** Who ran the command, as the operating system knows them (a container may have no user entry). */
function defaultActor(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli';
  }
}

function parse(args: string[]): { actor?: string; reason?: string } {
  try {
    return parseArgs({
      args,
      options: { actor: { type: 'string' }, reason: { type: 'string' } },
      strict: true,
    }).values;
  } catch (e) {
    throw new UserError(e instanceof Error ? e.message : String(e));
  }
}
