import type Decimal from 'decimal.js';
import { CertificateCodes } from '../disbursement/certificate-codes';

export interface Enrollment {
  enrollmentId: string;
  personId: string;
  certificateNumber: string; // as at enrollment
  tier: string;
  entitled: Decimal;
}

/**
 * A program-year's enrollments by personId, in enrollment order, packed: a county's program-year holds every
 * enrolled person for as long as the process keeps its state, and a province-sized one 270,660 of them. One
 * object per enrollment with its own id and certificate strings took ~250 bytes a person; here a person is
 * their ID-number key, a slot in a map, 16 bytes of enrollment uuid, a certificate suffix code (a certificate
 * number is the ID number and two digits), a tier code and a reference to a shared entitlement decimal
 * (~100 bytes). Anything that does not fit the packing (an id that is not a lower-case uuid, a certificate not
 * starting with the ID number) is kept as it is on the side. Reads like a read-only map of `Enrollment`s, made
 * on demand (get, has, keys, values, entries, size); `set` is for the fold that owns it (`clone` first: earlier states keep theirs).
 */
export class Enrollments implements Iterable<[string, Enrollment]> {
  private slots = new Map<string, number>();
  private uuids = new Uint8Array(0);
  private certificates = new CertificateCodes();
  private tierCodes = new Uint16Array(0);
  private entitled: Decimal[] = [];
  /** Values that did not pack, by slot. */
  private otherIds = new Map<number, string>();
  /** Code → tier (the catalogue's few). */
  private tierTexts: string[] = [];

  get size(): number {
    return this.slots.size;
  }

  has(personId: string): boolean {
    return this.slots.has(personId);
  }

  get(personId: string): Enrollment | undefined {
    const slot = this.slots.get(personId);
    return slot === undefined ? undefined : this.at(personId, slot);
  }

  /** What the person is entitled to, without making the whole enrollment. */
  entitledOf(personId: string): Decimal | undefined {
    const slot = this.slots.get(personId);
    return slot === undefined ? undefined : this.entitled[slot];
  }

  set(personId: string, enrollment: Enrollment): this {
    let slot = this.slots.get(personId);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(personId, slot);
      this.reserve(slot + 1);
    }
    if (this.otherIds.size > 0) this.otherIds.delete(slot);
    if (!packUuid(enrollment.enrollmentId, this.uuids, slot * 16)) {
      this.otherIds.set(slot, enrollment.enrollmentId);
    }
    this.certificates.set(slot, personId, enrollment.certificateNumber);
    this.tierCodes[slot] = tierCode(this.tierTexts, enrollment.tier);
    this.entitled[slot] = enrollment.entitled;
    return this;
  }

  /** A copy to change (the copy of a 270,660-person program-year is a few typed-array copies and one map). */
  clone(): Enrollments {
    const copy = new Enrollments();
    copy.slots = new Map(this.slots);
    copy.uuids = this.uuids.slice();
    copy.certificates = this.certificates.clone();
    copy.tierCodes = this.tierCodes.slice();
    copy.entitled = this.entitled.slice();
    copy.otherIds = new Map(this.otherIds);
    copy.tierTexts = this.tierTexts.slice();
    return copy;
  }

  *entries(): IterableIterator<[string, Enrollment]> {
    for (const [personId, slot] of this.slots) yield [personId, this.at(personId, slot)];
  }

  keys(): IterableIterator<string> {
    return this.slots.keys();
  }

  *values(): IterableIterator<Enrollment> {
    for (const [personId, slot] of this.slots) yield this.at(personId, slot);
  }

  [Symbol.iterator](): IterableIterator<[string, Enrollment]> {
    return this.entries();
  }

  forEach(callback: (value: Enrollment, key: string, map: Enrollments) => void): void {
    for (const [personId, enrollment] of this.entries()) callback(enrollment, personId, this);
  }

  private at(personId: string, slot: number): Enrollment {
    return {
      enrollmentId: this.otherIds.get(slot) ?? uuidAt(this.uuids, slot),
      personId,
      certificateNumber: this.certificates.get(slot, personId),
      tier: this.tierTexts[this.tierCodes[slot]!]!,
      entitled: this.entitled[slot]!,
    };
  }

  /** Room for `count` slots, doubling (a fold enrolls one person at a time). */
  private reserve(count: number): void {
    if (count <= this.tierCodes.length) return;
    const capacity = Math.max(64, this.tierCodes.length * 2, count);
    const uuids = new Uint8Array(capacity * 16);
    uuids.set(this.uuids);
    this.uuids = uuids;
    this.certificates.reserve(capacity);
    const tierCodes = new Uint16Array(capacity);
    tierCodes.set(this.tierCodes);
    this.tierCodes = tierCodes;
  }
}

/** The code of a tier, added to the table if new (tiers are the catalogue's few). */
function tierCode(table: string[], tier: string): number {
  const code = table.indexOf(tier);
  if (code >= 0) return code;
  table.push(tier);
  return table.length - 1;
}

/**
 * Writes a lower-case uuid's 16 bytes at `offset`; false (bytes partly written, to be ignored) when the text
 * is not one. By hand, not through a Buffer and a regular expression: this runs once per enrollment folded.
 */
function packUuid(text: string, bytes: Uint8Array, offset: number): boolean {
  if (text.length !== 36) return false;
  let at = offset;
  for (let i = 0; i < 36;) {
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (text.charCodeAt(i) !== 45 /* - */) return false;
      i += 1;
      continue;
    }
    const high = hexValue(text.charCodeAt(i));
    const low = hexValue(text.charCodeAt(i + 1));
    if (high < 0 || low < 0) return false;
    bytes[at++] = (high << 4) | low;
    i += 2;
  }
  return true;
}

/** 0–15 for 0-9 and a-f; −1 for anything else (upper case included: those ids are kept as they are). */
function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

function uuidAt(bytes: Uint8Array, slot: number): string {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset + slot * 16, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
