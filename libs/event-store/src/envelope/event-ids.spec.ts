import { deterministicUuid, uuidv7 } from './event-ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-([0-9a-f])[0-9a-f]{3}-([0-9a-f])[0-9a-f]{3}-[0-9a-f]{12}$/;

describe('event ids', () => {
  it('uuidv7: version 7, RFC variant, the time in its first 48 bits, all different', () => {
    const at = Date.UTC(2024, 2, 5, 2, 0, 0, 123);
    const ids = Array.from({ length: 10_000 }, () => uuidv7(at));
    for (const id of ids.slice(0, 300)) {
      const [, version, variant] = UUID.exec(id)!;
      expect(version).toBe('7');
      expect(['8', '9', 'a', 'b']).toContain(variant);
      expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uuidv7 ids sort by time', () => {
    const ids = [0, 1, 255, 256, 65_535, 2 ** 40, Date.now()].map((t) => uuidv7(t));
    expect([...ids].sort()).toEqual(ids);
  });

  it('deterministicUuid: the same parts, the same id', () => {
    expect(deterministicUuid('key', 'stream', '0', '1')).toBe(deterministicUuid('key', 'stream', '0', '1'));
    expect(deterministicUuid('key', 'stream', '0', '1')).not.toBe(
      deterministicUuid('key', 'stream', '0', '2'),
    );
  });
});
