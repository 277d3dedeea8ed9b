import { GENESIS_HASH } from './event-hash';
import { links, nextRevision, requiredPrevHash } from './chain-rule';

describe('the chain rule', () => {
  const head = { revision: 4n, hash: 'a'.repeat(64) };

  it('wants revision 0 and the genesis prevHash first, then the next revision linked to the last hash', () => {
    expect(nextRevision(undefined)).toBe(0n);
    expect(requiredPrevHash(undefined)).toBe(GENESIS_HASH);
    expect(nextRevision(head)).toBe(5n);
    expect(requiredPrevHash(head)).toBe(head.hash);
    expect(links(undefined, GENESIS_HASH)).toBe(true);
    expect(links(undefined, head.hash)).toBe(false);
    expect(links(head, head.hash)).toBe(true);
    expect(links(head, GENESIS_HASH)).toBe(false);
    expect(links(head, undefined)).toBe(false);
  });

  it('cannot check the link after an event without a hash, but still wants a prevHash', () => {
    const unknown = { revision: 4n, hash: undefined };
    expect(requiredPrevHash(unknown)).toBeUndefined();
    expect(links(unknown, 'b'.repeat(64))).toBe(true);
    expect(links(unknown, 42)).toBe(false);
  });
});
