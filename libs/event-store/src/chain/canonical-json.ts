/**
 * JSON with object keys sorted (by UTF-16 code units, as Array.prototype.sort does), no whitespace, and
 * otherwise exactly JSON.stringify's rules (toJSON, undefined members dropped, undefined array items as null,
 * non-finite numbers as null). So an event hashes the same before it is written and after it is read back.
 */
export function canonicalJson(value: unknown): string {
  return canonicalJsonAndOrder(value).json;
}

/** Set by `write` when it had to sort some object's keys. */
let reordered = false;

/**
 * canonicalJson, and whether it is also exactly what JSON.stringify writes for `value` (true when every object
 * already had its keys in sorted order: the rules are otherwise the same), so a caller that stores JSON and
 * hashes canonical JSON serialises once when it can.
 */
export function canonicalJsonAndOrder(value: unknown): { json: string; asStringify: boolean } {
  reordered = false;
  const json = write(value);
  if (json === undefined) throw new TypeError('canonicalJson: value has no JSON representation');
  return { json, asStringify: !reordered };
}

function write(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number': // as JSON.stringify: the shortest round-trip digits, NaN and ±Infinity as null
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError(
        'canonicalJson: a bigint has no JSON representation (JSON.stringify refuses it too)',
      );
    case 'object':
      break;
    default: // undefined, function, symbol
      return undefined;
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return write((toJSON as () => unknown).call(value));
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + (write(value[i]) ?? 'null');
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  const { order, prefixes, sorted } = shapeOf(Object.keys(obj));
  if (!sorted) reordered = true;
  let out = '';
  for (let i = 0; i < order.length; i++) {
    const v = write(obj[order[i]!]);
    if (v === undefined) continue;
    out += (out === '' ? '{' : ',') + prefixes[i]! + v;
  }
  return out === '' ? '{}' : `${out}}`;
}

/** An object's keys as Object.keys lists them, in sorted order, and each written as `"key":`. */
interface Shape {
  readonly keys: readonly string[];
  readonly order: readonly string[];
  readonly prefixes: readonly string[];
  readonly sorted: boolean;
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
  let sorted = true;
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) sorted = false;
  const order = sorted ? keys : [...keys].sort();
  const shape = { keys, order, prefixes: order.map((k) => `${quote(k)}:`), sorted };
  shapes[nextShape] = shape;
  nextShape = (nextShape + 1) % 16;
  return shape;
}

/** Printable ASCII but `"` and `\`: written as they are. Anything else goes through JSON.stringify's escaping. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function quote(s: string): string {
  return PLAIN.test(s) ? `"${s}"` : JSON.stringify(s);
}
