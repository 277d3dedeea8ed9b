import type { RecordedEvent } from '@subsidy/event-store';
import { maskBankAccount, maskCertificateNumber, maskIdNumber } from '@subsidy/domain/registry/masking';

/** One entry of a history answer: the recorded fact with who, when and why. */
export interface HistoryEntry {
  position: number;
  type: string;
  recordedAt: string;
  actor: string;
  reason?: string;
  data: unknown;
}

export function historyEntry(event: RecordedEvent, data: unknown, mask: boolean): HistoryEntry {
  const meta = event.metadata as { actor?: unknown; reason?: unknown; recordedAt?: unknown };
  const entry: HistoryEntry = {
    position: Number(event.position),
    type: event.type,
    recordedAt: typeof meta.recordedAt === 'string' ? meta.recordedAt : event.recordedAt.toISOString(),
    actor: typeof meta.actor === 'string' ? meta.actor : 'unknown',
    data: mask ? maskPersonalData(data) : data,
  };
  if (typeof meta.reason === 'string') entry.reason = meta.reason;
  return entry;
}

const MASKS: Partial<Record<string, (v: string) => string>> = {
  personId: maskIdNumber,
  idNumber: maskIdNumber,
  certificateNumber: maskCertificateNumber,
  previousCertificateNumber: maskCertificateNumber,
  bankAccount: maskBankAccount,
};

/** Masks ID, certificate and bank numbers wherever they sit in event data. */
export function maskPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonalData);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const mask = MASKS[k];
      out[k] = mask !== undefined && typeof v === 'string' ? mask(v) : maskPersonalData(v);
    }
    return out;
  }
  return value;
}
