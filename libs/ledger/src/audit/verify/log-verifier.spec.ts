import type { RecordedEvent } from '@subsidy/event-store/port/event-store.port';
import { careScenario } from '../../read-models/testing/care-scenario';
import { describeFault } from '../chain/fault';
import { toSealedData } from '../seal/seal-commitment';
import { append, chain, testHasher } from '../testing/chained-log';
import { LogVerifier, type LogVerification, type SealListing } from './log-verifier';
import type { SealReceipt } from '../seal/seal-receipt';
import type { StreamHead } from '../seal/stream-head';

const log = chain(careScenario().ledger.events);

function verify(
  events: readonly RecordedEvent[],
  options: { seals?: SealListing[]; leaves?: Map<bigint, StreamHead[]>; receipts?: SealReceipt[] } = {},
): LogVerification {
  const v = new LogVerifier({
    hashOf: testHasher,
    seals: options.seals,
    sealedLeaves: (p) => options.leaves?.get(p),
    receipts: options.receipts,
  });
  for (const e of events) v.check(e);
  return v.finish();
}

/** The log with a seal appended over everything before it, and what an auditor would have kept. */
function sealed(events: readonly RecordedEvent[]) {
  const v = new LogVerifier({ hashOf: testHasher });
  for (const e of events) v.check(e);
  const { commitment, leaves } = v.commitmentNow();
  const withSeal = append(events, {
    streamId: 'audit-seals',
    type: 'LedgerSealed',
    data: toSealedData(commitment),
  });
  const seal = withSeal[withSeal.length - 1]!;
  return {
    log: withSeal,
    seal,
    listing: { position: seal.position, upToPosition: commitment.upToPosition, root: commitment.root },
    leaves,
    receipt: {
      position: seal.position,
      root: commitment.root,
      sealedAt: String(seal.metadata['recordedAt']),
    },
  };
}

const first = (r: LogVerification): string => describeFault(r.faults[0]!);
const at = (position: number) => log.findIndex((e) => e.position === BigInt(position));
const edit = (events: RecordedEvent[], i: number, change: (e: RecordedEvent) => RecordedEvent) =>
  events.map((e, j) => (j === i ? change(e) : e));

describe('LogVerifier: the hash chain', () => {
  it('passes a clean log and counts what it checked', () => {
    const r = verify(log);
    expect(r.faults).toEqual([]);
    expect(r.events).toBe(log.length);
    expect(r.streams).toBe(new Set(log.map((e) => e.streamId)).size);
    expect(r.lastPosition).toBe(log[log.length - 1]!.position);
  });

  it('names the event whose data changed', () => {
    const i = at(40);
    const e = log[i]!;
    const r = verify(
      edit(log, i, (x) => ({ ...x, data: JSON.parse(JSON.stringify(x.data).replace('0', '1')) })),
    );
    expect(r.faultCount).toBe(1); // its successors still link to the hash it carries
    expect(r.faults[0]).toMatchObject({
      kind: 'content',
      event: { position: e.position, streamId: e.streamId },
    });
    expect(first(r)).toMatch(
      new RegExp(`^position 40, stream ${e.streamId}, revision ${e.revision}, ${e.type}: content changed`),
    );
  });

  it('names the event whose metadata changed (who did it)', () => {
    const r = verify(
      edit(log, at(12), (x) => ({ ...x, metadata: { ...x.metadata, actor: 'someone-else' } })),
    );
    expect(r.faults[0]).toMatchObject({ kind: 'content', at: 12n });
  });

  it('catches a changed event whose hash was recomputed, at the next event of its stream', () => {
    const i = log.findIndex((e, j) => j > 30 && log.slice(j + 1).some((n) => n.streamId === e.streamId));
    const e = log[i]!;
    const forged = { ...e, data: { ...(e.data as object), forged: true } };
    const rehashed = {
      ...forged,
      metadata: { ...forged.metadata, hash: testHasher(forged, String(e.metadata['prevHash'])) },
    };
    const next = log.slice(i + 1).find((n) => n.streamId === e.streamId)!;
    const r = verify(edit(log, i, () => rehashed));
    expect(r.faults[0]).toMatchObject({ kind: 'link', at: next.position });
    expect(first(r)).toContain(`revision ${e.revision} at position ${e.position}: the chain is broken here`);
  });

  it('catches a deleted event at the next event of its stream', () => {
    const program = log.filter((e) => e.streamId === 'program-year-care-services-2024');
    const removed = program[3]!;
    const r = verify(log.filter((e) => e !== removed));
    expect(r.faults[0]).toMatchObject({ kind: 'revision', event: { position: program[4]!.position } });
    expect(first(r)).toContain(`revision ${removed.revision} is missing before it`);
  });

  it('catches two events whose data were swapped, naming the first', () => {
    const [i, j] = [at(20), at(21)];
    const swapped = log.map((e, k) =>
      k === i ? { ...e, data: log[j]!.data } : k === j ? { ...e, data: log[i]!.data } : e,
    );
    const r = verify(swapped);
    expect(r.faults.map((f) => f.at)).toEqual([20n, 21n]);
  });

  it('catches positions that do not increase (rows moved)', () => {
    const r = verify(edit(log, at(30), (x) => ({ ...x, position: 5n })));
    expect(r.faults[0]).toMatchObject({ kind: 'position', at: 5n });
  });

  it('catches an event written around the chain', () => {
    const r = verify(
      edit(log, at(7), (x) => ({ ...x, metadata: { ...x.metadata, hash: undefined } as never })),
    );
    expect(r.faults[0]).toMatchObject({ kind: 'unchained', at: 7n });
  });
});

describe('LogVerifier: seals', () => {
  it('recomputes a seal, and more appends after it change nothing', () => {
    const s = sealed(log);
    const more = append(s.log, {
      streamId: 'program-year-care-services-2024',
      type: 'AllocationRecorded',
      data: {},
    });
    const r = verify(more, { seals: [s.listing], receipts: [s.receipt] });
    expect(r.faults).toEqual([]);
    expect(r.seals).toHaveLength(1);
    expect(r.receipts).toBe(1);
  });

  it('catches a stream truncated before the seal, and names it from the kept leaves', () => {
    const s = sealed(log);
    const victim = [...log].reverse().find((e) => e.streamId.startsWith('beneficiary-') && e.revision > 0n)!;
    const truncated = s.log.filter((e) => e !== victim); // its stream now ends one event early
    const previous = log.find((e) => e.streamId === victim.streamId && e.revision === victim.revision - 1n)!;

    const withoutLeaves = verify(truncated, { seals: [s.listing] });
    expect(withoutLeaves.faults.map((f) => f.kind)).toEqual(['seal']);
    expect(first(withoutLeaves)).toMatch(/history before the seal changed/);

    const r = verify(truncated, { seals: [s.listing], leaves: new Map([[s.seal.position, s.leaves]]) });
    expect(r.faults.map((f) => f.kind)).toEqual(['sealed-head', 'seal']);
    expect(r.faults[0]).toMatchObject({ event: { position: previous.position, streamId: victim.streamId } });
    expect(first(r)).toMatch(/1 event\(s\) after this one were removed \(truncated\)/);
  });

  it('ignores kept leaves that do not hash to the sealed root', () => {
    const s = sealed(log);
    const forgedLeaves = s.leaves.slice(1);
    const r = verify(s.log.slice(0, -2).concat(s.log.slice(-1)), {
      seals: [s.listing],
      leaves: new Map([[s.seal.position, forgedLeaves]]),
    });
    expect(r.faults.map((f) => f.kind)).toEqual(['seal']);
  });
});

describe('LogVerifier: receipts', () => {
  const s = sealed(log);

  it('fails a receipt whose root is not the recorded one', () => {
    const r = verify(s.log, { seals: [s.listing], receipts: [{ ...s.receipt, root: 'f'.repeat(64) }] });
    expect(r.faults[0]).toMatchObject({ kind: 'receipt', at: s.seal.position });
  });

  it('fails a receipt whose time is not the recorded one', () => {
    const r = verify(s.log, {
      seals: [s.listing],
      receipts: [{ ...s.receipt, sealedAt: '2030-01-01T00:00:00.000Z' }],
    });
    expect(first(r)).toMatch(/receipt time 2030/);
  });

  it('fails a receipt naming a position that holds no seal, or no event at all', () => {
    const notSeal = verify(s.log, { seals: [s.listing], receipts: [{ ...s.receipt, position: 3n }] });
    expect(first(notSeal)).toMatch(/^position 3, .*: the receipt names a seal here, but this is a/);
    const gone = verify(s.log.slice(0, -1), { receipts: [s.receipt] });
    expect(first(gone)).toMatch(/has no event there: it was removed/);
  });
});
