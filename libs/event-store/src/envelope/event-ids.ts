import { createHash, randomFillSync } from 'node:crypto';

/** Random bytes drawn 4 KiB at a time: one getrandom call per 256 ids, not one per id (as crypto.randomUUID). */
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomBytes16(): Buffer {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += 16;
  return pool.subarray(used - 16, used); // these 16 bytes are the caller's now
}

/**
 * Time-ordered UUID v7 (RFC 9562): ids sort by creation time, which keeps SQLite's index appends cheap.
 */
export function uuidv7(now: number = Date.now()): string {
  const bytes = randomBytes16();
  let ms = now; // 48 bits: exact in a double
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return format(bytes);
}

/**
 * Deterministic UUID (v8 layout, SHA-256 based) from a name: the same command (idempotency key + index)
 * always yields the same event ids, so a retried append lands on the ids already written.
 */
export function deterministicUuid(...parts: string[]): string {
  const bytes = createHash('sha256').update(parts.join('\u0000')).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return format(bytes);
}

function format(b: Uint8Array): string {
  const h = Buffer.from(b).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
