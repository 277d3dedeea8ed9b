import { EVENT_SCHEMA_VERSIONS } from './schema-versions';

/** A recorded event as the domain sees it: type and data of the current schema version. */
export interface DomainEvent {
  type: string;
  data: unknown;
}

/** Turns the data of version `from` into version `from + 1`. */
type Upcaster = (data: unknown) => unknown;

/**
 * Upcasters by event type and the version they upgrade from. History is never rewritten: an old event is
 * read as the current version by chaining these. None yet — every type is still at version 1.
 */
const UPCASTERS: Partial<Record<string, Record<number, Upcaster>>> = {};

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
