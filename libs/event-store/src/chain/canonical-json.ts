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
 * A text written piece by piece and joined once: building it with `+` would allocate a string (or a rope node)
 * for every step. Reusable: `reset` keeps the array's room, so writing event after event allocates only the
 * texts themselves. Fewer pieces join faster, so a plain string's closing quote is owed rather than added: the
 * next piece carries it when the writer has that variant at hand (`addAfter`).
 */
export class JsonPieces {
  private readonly parts: string[] = [];
  private count = 0;
  private quoteOwed = false;
  /** Characters so far (an owed quote included). */
  length = 0;
  /**
   * Whether some object's keys had to be sorted since the last reset: when not, the text is also exactly what
   * JSON.stringify writes (the rules are otherwise the same), so the chain stores the text it hashed.
   */
  reordered = false;

  add(piece: string): void {
    if (this.quoteOwed) {
      this.parts[this.count++] = '"';
      this.quoteOwed = false;
    }
    this.parts[this.count++] = piece;
    this.length += piece.length;
  }

  /** `piece`, or `afterString` (`"` + piece) if a string's closing quote is owed. */
  addAfter(piece: string, afterString: string): void {
    this.parts[this.count++] = this.quoteOwed ? afterString : piece;
    this.quoteOwed = false;
    this.length += piece.length;
  }

  /** As addAfter, for a piece that ends inside a string needing no escaping: its closing quote is owed. */
  addOpenString(piece: string, afterString: string): void {
    this.addAfter(piece, afterString);
    this.length++;
    this.quoteOwed = true;
  }

  /** The text so far. */
  text(): string {
    if (this.quoteOwed) {
      this.parts[this.count++] = '"';
      this.quoteOwed = false;
    }
    // Shortening only drops pieces of a longer earlier text; V8 keeps the room unless it is mostly unused.
    if (this.parts.length !== this.count) this.parts.length = this.count;
    return this.parts.join('');
  }

  reset(): void {
    this.count = 0;
    this.length = 0;
    this.quoteOwed = false;
    this.reordered = false;
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
        out.addOpenString(value, value); // nothing is owed right after an opening quote
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
      if (i > 0) out.addAfter(',', '",');
      if (!writeCanonical(out, value[i])) out.add('null');
    }
    out.addAfter(']', '"]');
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
  const { order, members } = shape;
  let first = true;
  for (let i = 0; i < order.length; i++) {
    const key = order[i]!;
    let v = key === extra ? extraValue : obj[key];
    // toJSON's answer, as writeObject takes it, decides whether the member is written at all.
    while (typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      v = (v as { toJSON: () => unknown }).toJSON();
    }
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue; // dropped, key and all
    const m = members[i]!;
    if (typeof v === 'string' || typeof v === 'number') {
      if (v === m.lastValue && first === m.lastFirst) {
        // The value this member had in the last object of this shape, and in the same place (a program code,
        // an actor, the append's time): key and value as one piece, kept, with no escaping check.
        if (m.piece === undefined) {
          m.piece = `${first ? m.first : m.next}${typeof v === 'string' ? `"${v}` : String(v)}`;
          m.pieceAfterString = `"${m.piece}`;
        }
        if (typeof v === 'string') out.addOpenString(m.piece, m.pieceAfterString!);
        else out.addAfter(m.piece, m.pieceAfterString!);
        first = false;
        continue;
      }
      m.piece = undefined;
      m.lastFirst = first;
      // Only values written as they are can be kept with their key.
      if (typeof v === 'number') {
        m.lastValue = Number.isFinite(v) ? v : undefined;
      } else if (PLAIN.test(v)) {
        m.lastValue = v.length <= KEPT ? v : undefined;
        if (first) out.add(m.firstQuoted);
        else out.addAfter(m.nextQuoted, m.nextQuotedAfterString);
        out.addOpenString(v, v);
        first = false;
        continue;
      } else {
        m.lastValue = undefined;
      }
    }
    if (first) out.add(m.first);
    else out.addAfter(m.next, m.nextAfterString);
    writeCanonical(out, v);
    first = false;
  }
  if (first) out.add('{}');
  else out.addAfter('}', '"}');
}

/**
 * How one member of an object shape is written: the text that opens it as the object's first member
 * (`{"key":`) or a later one (`,"key":`, or `","key":` right after a string), also with a string value's opening
 * quote; and the last value it had, with the piece that writes key and value at once.
 */
class Member {
  readonly first: string;
  readonly next: string;
  readonly nextAfterString: string;
  readonly firstQuoted: string;
  readonly nextQuoted: string;
  readonly nextQuotedAfterString: string;
  lastValue: string | number | undefined;
  lastFirst = false;
  piece: string | undefined;
  pieceAfterString: string | undefined;

  constructor(key: string) {
    const name = `${JSON.stringify(key)}:`;
    this.first = `{${name}`;
    this.next = `,${name}`;
    this.nextAfterString = `",${name}`;
    this.firstQuoted = `{${name}"`;
    this.nextQuoted = `,${name}"`;
    this.nextQuotedAfterString = `",${name}"`;
  }
}

/** An object's keys as Object.keys lists them, in sorted order, and how each member is written. */
class Shape {
  readonly order: readonly string[];
  readonly sorted: boolean;
  readonly members: readonly Member[];
  private chainedShape: Shape | undefined;

  constructor(readonly keys: readonly string[]) {
    let sorted = true;
    for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) sorted = false;
    this.sorted = sorted;
    this.order = sorted ? keys : [...keys].sort();
    this.members = this.order.map((k) => new Member(k));
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

/** Longest string value kept with its key (a shape's members keep their last value). */
const KEPT = 100;

/** Whether JSON writes `s` as it is between quotes. */
export function isPlain(s: string): boolean {
  return PLAIN.test(s);
}

/** Printable ASCII but `"` and `\`: written as they are. Anything else goes through JSON.stringify's escaping. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
