import type { RecordedEvent } from '../port/event-store.port';
import { ChainVerifier, verifyChain } from './chain-verifier';
import { GENESIS_HASH, hashEvent } from './event-hash';

/** A correctly chained stream of n events. */
function chained(streamId: string, n: number, firstPosition = 1n): RecordedEvent[] {
  const out: RecordedEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const base = {
      id: `${streamId}-${i}`,
      streamId,
      revision: BigInt(i),
      type: 'Paid',
      data: { amount: `${100 + i}.00` },
      metadata: { actor: 'li', prevHash },
    };
    const hash = hashEvent(base);
    out.push({
      ...base,
      metadata: { ...base.metadata, hash },
      position: firstPosition + BigInt(i),
      recordedAt: new Date(0),
    });
    prevHash = hash;
  }
  return out;
}

describe('ChainVerifier', () => {
  it('accepts intact chains, interleaved as $all interleaves streams', async () => {
    const a = chained('a', 3);
    const b = chained('b', 3, 10n);
    const log = [a[0]!, b[0]!, a[1]!, b[1]!, b[2]!, a[2]!];
    expect(await verifyChain(log)).toEqual([]);
  });

  it('names an edited event, once, and checks the rest of the stream on from it', async () => {
    const log = chained('a', 4);
    log[1] = { ...log[1]!, data: { amount: '9999.00' } };
    const faults = await verifyChain(log);
    expect(faults.map((f) => [f.kind, f.revision])).toEqual([['hash-mismatch', 1n]]);
  });

  it('names a removed event (a gap) and a re-linked forgery (prevHash not the previous hash)', async () => {
    const log = chained('a', 4);
    expect((await verifyChain([log[0]!, log[2]!, log[3]!])).map((f) => f.kind)).toEqual(['revision-gap']);

    const forged = { ...log[2]!, metadata: { ...log[2]!.metadata, prevHash: 'e'.repeat(64) } };
    const relinked = { ...forged, metadata: { ...forged.metadata, hash: hashEvent(forged) } };
    const verifier = new ChainVerifier();
    expect([log[0]!, log[1]!, relinked].map((e) => verifier.check(e)?.kind)).toEqual([
      undefined,
      undefined,
      'broken-link',
    ]);
  });

  it('names events without a hash', async () => {
    const [e] = chained('a', 1);
    const { hash: _gone, ...metadata } = e!.metadata;
    expect((await verifyChain([{ ...e!, metadata }])).map((f) => f.kind)).toEqual(['missing-hash']);
  });
});
