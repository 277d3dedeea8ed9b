import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createEventStore, expectedHash } from '@subsidy/event-store';
import { loadConfig, type LedgerConfig } from '@subsidy/ledger/config/ledger-config';
import { UserError } from '@subsidy/ledger/users/user-store';
import { openAuditLog } from '@subsidy/ledger/audit/log/open-audit-log';
import { openLiveReadModels } from '@subsidy/ledger/audit/read-models/live-read-models';
import { parseReceipt, ReceiptFormatError, type SealReceipt } from '@subsidy/ledger/audit/seal/seal-receipt';
import { formatVerification, verificationJson } from '@subsidy/ledger/audit/verify/format-verification';
import { verifyLedger } from '@subsidy/ledger/audit/verify/verify-ledger';
import type { CliCommand } from './cli-command';

/**
 * `verify [--receipt R]… [--json]`: re-derives every hash, link, seal and read model from the log and exits 0,
 * or 1 naming the first faulty event. R is a receipt `seal` printed (line or JSON) or a file holding one.
 */
export const verifyCommand: CliCommand = {
  name: 'verify',
  usage: 'verify [--receipt RECEIPT|FILE]… [--json]   (hash chains, seals, read models; exit 1 on any fault)',
  run: (args) => runVerify(args, loadConfig(), (text) => process.stdout.write(text)),
};

export async function runVerify(
  args: string[],
  config: LedgerConfig,
  write: (text: string) => void,
): Promise<number> {
  const options = parse(args);
  const receipts = (options.receipt ?? []).map(readReceipt);
  fs.mkdirSync(config.dataDir, { recursive: true });
  const store = createEventStore({
    kind: config.store,
    dataDir: config.dataDir,
    connectionString: config.eventStoreConnectionString,
    clock: config.clock,
  });
  const log = openAuditLog(config.store, config.dataDir, store);
  const live = openLiveReadModels(store, config.dataDir);
  try {
    const result = await verifyLedger({ log, hashOf: expectedHash, dataDir: config.dataDir, receipts, live });
    write(options.json ? `${verificationJson(result)}\n` : formatVerification(result));
    return result.faultCount === 0 ? 0 : 1;
  } finally {
    live?.close();
    log.close();
    await store.close();
  }
}

function parse(args: string[]): { receipt?: string[]; json?: boolean } {
  try {
    return parseArgs({
      args,
      options: { receipt: { type: 'string', multiple: true }, json: { type: 'boolean' } },
      strict: true,
    }).values;
  } catch (e) {
    throw new UserError(e instanceof Error ? e.message : String(e));
  }
}

/** The receipt itself, or a file the auditor saved it in. */
function readReceipt(arg: string): SealReceipt {
  const text = /^\s*(seal@|\{)/.test(arg) || !fs.existsSync(arg) ? arg : fs.readFileSync(arg, 'utf8');
  try {
    return parseReceipt(text.trim().split('\n')[0]!);
  } catch (e) {
    if (e instanceof ReceiptFormatError) throw new UserError(e.message);
    throw e;
  }
}
