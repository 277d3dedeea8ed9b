import { createHash } from 'node:crypto';
import { GENESIS_HASH, expectedHash, hashEvent, type HashableEvent } from './event-hash';

const event: HashableEvent = {
  id: '0190d5e4-0000-7000-8000-000000000001',
  streamId: 'program-year-home-care-2025',
  revision: 0n,
  type: 'ProgramYearOpened',
  data: { quota: 120, rate: '300.00' },
  metadata: {
    actor: 'wang',
    recordedAt: '2025-01-15T02:00:00.000Z',
    prevHash: GENESIS_HASH,
    hash: 'ignored',
  },
};

describe('event hash', () => {
  it('is SHA-256 hex over the canonical JSON of id, streamId, revision, type, data and metadata without hash', () => {
    // Spelled out by hand: the audit tooling and any other implementation must produce exactly these bytes.
    const canonical =
      '{"data":{"quota":120,"rate":"300.00"},"id":"0190d5e4-0000-7000-8000-000000000001",' +
      `"metadata":{"actor":"wang","prevHash":"${GENESIS_HASH}","recordedAt":"2025-01-15T02:00:00.000Z"},` +
      '"revision":"0","streamId":"program-year-home-care-2025","type":"ProgramYearOpened"}';
    const sha = createHash('sha256').update(canonical, 'utf8').digest('hex');
    expect(hashEvent(event)).toBe(sha);
    expect(expectedHash(event, GENESIS_HASH)).toBe(sha);
  });

  it('changes with any field, the place in the stream, or the previous hash', () => {
    const base = expectedHash(event, GENESIS_HASH);
    expect(expectedHash({ ...event, data: { quota: 121, rate: '300.00' } }, GENESIS_HASH)).not.toBe(base);
    expect(expectedHash({ ...event, revision: 1n }, GENESIS_HASH)).not.toBe(base);
    expect(expectedHash({ ...event, streamId: 'program-year-home-care-2026' }, GENESIS_HASH)).not.toBe(base);
    expect(expectedHash({ ...event, metadata: { ...event.metadata, actor: 'li' } }, GENESIS_HASH)).not.toBe(
      base,
    );
    expect(expectedHash(event, 'f'.repeat(64))).not.toBe(base);
  });
});
