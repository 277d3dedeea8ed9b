/**
 * JSON with object keys sorted (by UTF-16 code units, as Array.prototype.sort does), no whitespace, and
 * otherwise exactly JSON.stringify's rules (toJSON, undefined members dropped, undefined array items as null,
 * non-finite numbers as null). So an event hashes the same before it is written and after it is read back.
 */
export function canonicalJson(value: unknown): string {
  const out = new JsonPieces();
  if (!writeCanonical(out, value)) throw new TypeError('canonicalJson: value has no JSON representation');
  return out.text();
}

/**
 * canonicalJson, and whether it is also exactly what JSON.stringify writes for `value` (true when every object
 * already had its keys in sorted order: the rules are otherwise the same), so a caller that stores JSON and
 * hashes canonical JSON serialises once when it can.
 */
export function canonicalJsonAndOrder(value: unknown): { json: string; asStringify: boolean } {
  const out = new JsonPieces();
  if (!writeCanonical(out, value)) throw new TypeError('canonicalJson: value has no JSON representation');
  return { json: out.text(), asStringify: !out.reordered };
}

/**
 * A text written piece by piece and joined once: building it with `+` would allocate a string (or a rope node)
 * for every step. Reusable: `reset` keeps the array's room, so writing event after event allocates only the
 * texts themselves.
 */
export class JsonPieces {
  private readonly parts: string[] = [];
  private count = 0;
  /** Characters so far. */
  length = 0;
  /** Whether some object's keys had to be sorted since the last reset (canonical ≠ JSON.stringify). */
  reordered = false;

  add(piece: string): void {
    this.parts[this.count++] = piece;
    this.length += piece.length;
  }

  /** The text so far. */
  text(): string {
    // Shortening only drops pieces of a longer earlier text; V8 keeps the room unless it is mostly unused.
    if (this.parts.length !== this.count) this.parts.length = this.count;
    return this.parts.join('');
  }

  reset(): void {
    this.count = 0;
    this.length = 0;
    this.reordered = false;
  }

  /** Where the pieces are now, to go back to it (a member with no JSON after all). */
  mark(): number {
    return this.count;
  }

  backTo(mark: number): void {
    for (let i = mark; i < this.count; i++) this.length -= this.parts[i]!.length;
    this.count = mark;
  }
}

/**
 * Appends `value`'s canonical JSON to `out`; false, appending nothing, when it has none (undefined, a function,
 * a symbol).
 */
export function writeCanonical(out: JsonPieces, value: unknown): boolean {
  switch (typeof value) {
    case 'string':
      if (PLAIN.test(value)) {
        out.add('"');
        out.add(value);
        out.add('"');
      } else {
        out.add(JSON.stringify(value));
      }
      return true;
    case 'number': // as JSON.stringify: the shortest round-trip digits, NaN and ±Infinity as null
      out.add(Number.isFinite(value) ? String(value) : 'null');
      return true;
    case 'boolean':
      out.add(value ? 'true' : 'false');
      return true;
    case 'object':
      if (value !== null) return writeObject(out, value);
      out.add('null');
      return true;
    case 'bigint':
      throw new TypeError(
        'canonicalJson: a bigint has no JSON representation (JSON.stringify refuses it too)',
      );
    default: // undefined, function, symbol
      return false;
  }
}

/**
 * Appends the canonical JSON of event metadata as the hash chain covers it: without `hash` (about to be
 * computed) and with `prevHash` (the string given), without copying the object.
 */
export function writeChainMetadata(out: JsonPieces, metadata: object, prevHash: string): void {
  const members = metadata as Record<string, unknown>;
  writeMembers(out, shapeOf(Object.keys(members)).chained(), members, 'prevHash', prevHash);
}

function writeObject(out: JsonPieces, value: object): boolean {
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return writeCanonical(out, (toJSON as () => unknown).call(value));
  if (Array.isArray(value)) {
    out.add('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.add(',');
      if (!writeCanonical(out, value[i])) out.add('null');
    }
    out.add(']');
    return true;
  }
  const obj = value as Record<string, unknown>;
  const shape = shapeOf(Object.keys(obj));
  if (!shape.sorted) out.reordered = true;
  writeMembers(out, shape, obj, undefined, undefined);
  return true;
}

/** `obj`'s members in `shape`'s order, but member `extra` (if given) with value `extraValue`. */
function writeMembers(
  out: JsonPieces,
  shape: Shape,
  obj: Record<string, unknown>,
  extra: string | undefined,
  extraValue: unknown,
): void {
  const { order } = shape;
  let first = true;
  for (let i = 0; i < order.length; i++) {
    const key = order[i]!;
    const v = key === extra ? extraValue : obj[key];
    // The usual member, a plain string, in three pieces: `{"key":"` or `,"key":"`, the string, `"`.
    if (typeof v === 'string' && PLAIN.test(v)) {
      out.add(first ? shape.firstQuoted[i]! : shape.nextQuoted[i]!);
      out.add(v);
      out.add('"');
      first = false;
      continue;
    }
    const mark = out.mark();
    out.add(first ? shape.first[i]! : shape.next[i]!);
    // A member whose value has no JSON is dropped, key and all.
    if (writeCanonical(out, v)) first = false;
    else out.backTo(mark);
  }
  out.add(first ? '{}' : '}');
}

/**
 * An object's keys as Object.keys lists them, in sorted order, and for each the text that opens it as the
 * object's first member (`{"key":`) or a later one (`,"key":`), also with a string value's opening quote.
 */
class Shape {
  readonly order: readonly string[];
  readonly sorted: boolean;
  readonly first: readonly string[];
  readonly next: readonly string[];
  readonly firstQuoted: readonly string[];
  readonly nextQuoted: readonly string[];
  private chainedShape: Shape | undefined;

  constructor(readonly keys: readonly string[]) {
    let sorted = true;
    for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) sorted = false;
    this.sorted = sorted;
    this.order = sorted ? keys : [...keys].sort();
    const names = this.order.map((k) => `${JSON.stringify(k)}:`);
    this.first = names.map((n) => `{${n}`);
    this.next = names.map((n) => `,${n}`);
    this.firstQuoted = names.map((n) => `{${n}"`);
    this.nextQuoted = names.map((n) => `,${n}"`);
  }

  /** The shape of such metadata as the hash chain covers it: `hash` dropped, `prevHash` in. */
  chained(): Shape {
    this.chainedShape ??= new Shape([
      ...this.keys.filter((k) => k !== 'hash' && k !== 'prevHash'),
      'prevHash',
    ]);
    return this.chainedShape;
  }
}

/**
 * The last shapes seen: events of one type repeat the same keys in the same order, so their sorting and
 * quoting is done once, not per event (Object.keys hands out the same interned strings each time).
 */
const shapes: Shape[] = [];
let nextShape = 0;

function shapeOf(keys: string[]): Shape {
  for (const shape of shapes) {
    if (shape.keys.length !== keys.length) continue;
    let same = true;
    for (let i = 0; i < keys.length; i++) {
      if (shape.keys[i] !== keys[i]) {
        same = false;
        break;
      }
    }
    if (same) return shape;
  }
  const shape = new Shape(keys);
  shapes[nextShape] = shape;
  nextShape = (nextShape + 1) % 16;
  return shape;
}

/** Printable ASCII but `"` and `\`: written as they are. Anything else goes through JSON.stringify's escaping. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
