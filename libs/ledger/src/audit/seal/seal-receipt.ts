/**
 * What `seal` prints for the auditor to write into the audit report, and `verify --receipt` reads back.
 * One line: `seal@<position>:<root>:<sealedAt>` — the LedgerSealed event's own log position, the Merkle root
 * it records (64 lower-case hex digits), and its `metadata.recordedAt` (ISO-8601 UTC). The JSON form adds the
 * log position the seal covers and its counts.
 */
export interface SealReceipt {
  /** Log position of the LedgerSealed event itself. */
  readonly position: bigint;
  readonly root: string;
  readonly sealedAt: string;
  /** The seal covers every event at or before this position (JSON form only). */
  readonly upToPosition?: bigint;
  readonly streamCount?: number;
  readonly eventCount?: number;
}

export class ReceiptFormatError extends Error {
  override readonly name = 'ReceiptFormatError';
}

const LINE = /^seal@(\d+):([0-9a-f]{64}):(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z)$/;

export function formatReceiptLine(r: SealReceipt): string {
  return `seal@${r.position.toString()}:${r.root}:${r.sealedAt}`;
}

export function formatReceiptJson(r: Required<SealReceipt>): string {
  return JSON.stringify({
    receipt: formatReceiptLine(r),
    position: r.position.toString(),
    upToPosition: r.upToPosition.toString(),
    root: r.root,
    streamCount: r.streamCount,
    eventCount: r.eventCount,
    sealedAt: r.sealedAt,
  });
}

/** Reads either form back (the auditor may paste whichever the report kept). */
export function parseReceipt(text: string): SealReceipt {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return parseLine(trimmed);
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    throw new ReceiptFormatError('the receipt is neither a seal@… line nor valid JSON');
  }
  const o = (json ?? {}) as Record<string, unknown>;
  const line =
    typeof o.receipt === 'string'
      ? parseLine(o.receipt)
      : parseLine(`seal@${String(o.position)}:${String(o.root)}:${String(o.sealedAt)}`);
  if (o.upToPosition === undefined) return line;
  if (typeof o.upToPosition !== 'string' || !/^\d+$/.test(o.upToPosition)) {
    throw new ReceiptFormatError('receipt upToPosition must be a decimal string');
  }
  return { ...line, upToPosition: BigInt(o.upToPosition) };
}

function parseLine(line: string): SealReceipt {
  const m = LINE.exec(line);
  if (!m) throw new ReceiptFormatError(`not a seal receipt (seal@POSITION:ROOT:TIME): ${line.slice(0, 120)}`);
  return { position: BigInt(m[1]!), root: m[2]!, sealedAt: m[3]! };
}
