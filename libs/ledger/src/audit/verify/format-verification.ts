import { describeFault, shortHash } from '../chain/fault';
import type { LedgerVerification } from './verify-ledger';

/** Faults listed after the first; the count says how many more there were. */
const LISTED = 20;

/**
 * What `verify` prints: a verdict line first — `verify: OK`, or `verify: FAILED at <the first faulty event>` —
 * then what was checked, with counts, then the faults in log order.
 */
export function formatVerification(v: LedgerVerification): string {
  const first = v.faults[0];
  const lines = [first ? `verify: FAILED at ${describeFault(first)}` : 'verify: OK'];
  const range =
    v.lastPosition === undefined ? 'the log is empty' : `positions up to ${v.lastPosition.toString()}`;
  lines.push(
    `  events       ${v.events} (${range}): each hash recomputed, each prevHash linked, positions strictly increasing`,
    `  streams      ${v.streams}: revisions contiguous from 0`,
    `  seals        ${sealsLine(v)}`,
    `  receipts     ${v.receipts === 0 ? 'none given' : `${v.receipts} checked against the seal at their position`}`,
    `  read models  ${readModelsLine(v)}`,
  );
  if (first) {
    lines.push(`faults (${v.faultCount}, in log order):`);
    for (const f of v.faults.slice(0, LISTED)) lines.push(`  ${describeFault(f)}`);
    if (v.faultCount > LISTED) lines.push(`  … and ${v.faultCount - LISTED} more`);
  }
  return `${lines.join('\n')}\n`;
}

/** The same as JSON, for scripts: positions and revisions as decimal strings. */
export function verificationJson(v: LedgerVerification): string {
  const readModels =
    'skipped' in v.readModels
      ? v.readModels
      : { ...v.readModels, position: v.readModels.position.toString() };
  return JSON.stringify({
    ok: v.faultCount === 0,
    events: v.events,
    streams: v.streams,
    lastPosition: v.lastPosition?.toString() ?? null,
    seals: v.seals.length,
    receipts: v.receipts,
    readModels,
    faultCount: v.faultCount,
    faults: v.faults.map((f) => ({
      kind: f.kind,
      position: f.event?.position.toString() ?? f.at?.toString() ?? null,
      streamId: f.event?.streamId ?? f.streamId ?? null,
      revision: f.event?.revision.toString() ?? null,
      type: f.event?.type ?? null,
      message: f.message,
    })),
  });
}

function sealsLine(v: LedgerVerification): string {
  const last = v.seals[v.seals.length - 1];
  if (!last) return 'none recorded';
  return `${v.seals.length} recomputed from the log (latest over positions ≤ ${last.upToPosition.toString()}, root ${shortHash(last.root)})`;
}

function readModelsLine(v: LedgerVerification): string {
  const r = v.readModels;
  if ('skipped' in r) return `not compared: ${r.skipped}`;
  return `${r.projections} projections, ${r.tables} tables, ${r.rows} rows compared with a fresh replay at position ${r.position.toString()}`;
}
