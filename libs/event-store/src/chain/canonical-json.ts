/**
 * JSON with object keys sorted (by UTF-16 code units, as Array.prototype.sort does), no whitespace, and
 * otherwise exactly JSON.stringify's rules (toJSON, undefined members dropped, undefined array items as null,
 * non-finite numbers as null). So an event hashes the same before it is written and after it is read back.
 */
export function canonicalJson(value: unknown): string {
  const out = write(value);
  if (out === undefined) throw new TypeError('canonicalJson: value has no JSON representation');
  return out;
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
  const keys = Object.keys(obj);
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      keys.sort();
      break;
    }
  }
  let out = '{';
  for (const key of keys) {
    const v = write(obj[key]);
    if (v === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${quote(key)}:${v}`;
  }
  return `${out}}`;
}

/** Printable ASCII but `"` and `\`: written as they are. Anything else goes through JSON.stringify's escaping. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function quote(s: string): string {
  return PLAIN.test(s) ? `"${s}"` : JSON.stringify(s);
}
