import { EVENT_SCHEMA_VERSIONS } from './schema-versions';
import { linesChunkFromV1 } from '../disbursement/chunk-lines';
import type { PaymentBatchLinesDraftedV1Data } from './payment-batch-events';

/** A recorded event as the domain sees it: type and data of the current schema version. */
export interface DomainEvent {
  type: string;
  data: unknown;
}

/** Turns the data of version `from` into version `from + 1`. */
type Upcaster = (data: unknown) => unknown;

/**
 * Upcasters by event type and the version they upgrade from. History is never rewritten: an old event is
 * read as the current version by chaining these.
 */
const UPCASTERS: Partial<Record<string, Record<number, Upcaster>>> = {
  // v1 → v2: a draft chunk's lines, one object each, become columns.
  PaymentBatchLinesDrafted: { 1: (data) => linesChunkFromV1(data as PaymentBatchLinesDraftedV1Data) },
};

export function upcast(type: string, data: unknown, schemaVersion: number | undefined): DomainEvent {
  const target = (EVENT_SCHEMA_VERSIONS as Record<string, number>)[type] ?? schemaVersion ?? 1;
  let version = schemaVersion ?? 1;
  let current = data;
  while (version < target) {
    const step = UPCASTERS[type]?.[version];
    if (!step) throw new Error(`no upcaster for ${type} v${version} → v${version + 1}`);
    current = step(current);
    version += 1;
  }
  if (version > target) throw new Error(`${type} v${version} is newer than this code knows (v${target})`);
  return { type, data: current };
}
