import type { RecordedEvent } from '@subsidy/event-store/port/event-store.port';
import { SEAL_STREAM } from '@subsidy/domain/events/streams';
import { ChainVerifier } from '../chain/chain-verifier';
import type { EventHasher } from '../chain/event-hasher';
import { byPosition, refOf, shortHash, type EventRef, type Fault } from '../chain/fault';
import type { LogEntry } from '../log/audit-log';
import { commitTo, fromSealedData, type SealCommitment } from '../seal/seal-commitment';
import { sealRoot } from '../seal/seal-leaf';
import type { SealReceipt } from '../seal/seal-receipt';
import { sealedHeadFaults } from '../seal/sealed-head-diff';
import { sortHeads, type LocatedStreamHead, type StreamHead } from '../seal/stream-head';

/** A seal as its stream lists it, read before the pass so the heads can be committed at its position. */
export interface SealListing {
  readonly position: bigint;
  readonly upToPosition: bigint;
  readonly root: string;
}

export interface LogVerifierOptions {
  readonly hashOf: EventHasher;
  readonly seals?: readonly SealListing[];
  /** The leaves a seal committed to, when they were kept beside it: names the streams a mismatch is in. */
  readonly sealedLeaves?: (sealPosition: bigint) => readonly StreamHead[] | undefined;
  readonly receipts?: readonly SealReceipt[];
  /** Faults kept for the report (all are counted). */
  readonly maxFaults?: number;
}

export interface LogVerification {
  readonly events: number;
  readonly streams: number;
  readonly lastPosition?: bigint;
  readonly seals: readonly SealCommitment[];
  readonly receipts: number;
  /** Log order: `faults[0]` is the first faulty event. */
  readonly faults: readonly Fault[];
  readonly faultCount: number;
}

export const isSeal = (e: RecordedEvent): boolean => e.streamId === SEAL_STREAM && e.type === 'LedgerSealed';

/**
 * Verifies a log fed event by event in `$all` order: the hash chain of every stream, every seal (the root
 * recomputed from the heads at its position), and the auditor's receipts. Seals are listed up front because
 * a seal is written after the position it covers: when the pass reaches that position the heads are
 * committed, and when it reaches the seal the two are compared.
 */
export class LogVerifier {
  private readonly chain: ChainVerifier;
  private readonly pending: bigint[];
  private readonly commitments = new Map<bigint, SealCommitment>();
  private readonly receipts: Map<bigint, SealReceipt>;
  private readonly found: Fault[] = [];
  private readonly sealsChecked: SealCommitment[] = [];
  private faultCount = 0;
  private receiptsChecked = 0;

  constructor(private readonly options: LogVerifierOptions) {
    this.chain = new ChainVerifier(options.hashOf);
    const upTo = new Set((options.seals ?? []).map((s) => s.upToPosition));
    this.pending = [...upTo].sort((a, b) => (a < b ? -1 : 1));
    this.receipts = new Map((options.receipts ?? []).map((r) => [r.position, r]));
  }

  get lastPosition(): bigint | undefined {
    return this.chain.lastPosition;
  }

  check(e: RecordedEvent): void {
    this.commitBefore(e.position);
    const fault = this.chain.check(e);
    if (fault) this.report(fault);
    else if (isSeal(e)) this.checkSeal(e);
    const receipt = this.receipts.get(e.position);
    if (receipt) this.checkReceipt(e, receipt);
  }

  /** An event whose stored data or metadata no longer parses: a content fault, named where it sits. */
  unreadable(ref: EventRef, reason: string): void {
    this.commitBefore(ref.position);
    this.chain.skip(ref);
    this.report({
      kind: 'content',
      at: ref.position,
      event: refOf(ref),
      message: `content changed: ${reason}`,
    });
    if (this.receipts.has(ref.position)) {
      this.receipts.delete(ref.position);
      this.report({
        kind: 'receipt',
        at: ref.position,
        event: refOf(ref),
        message: 'the sealed event cannot be read',
      });
    }
  }

  /** Feeds one entry of an AuditLog. */
  take(entry: LogEntry): void {
    if (entry.kind === 'event') this.check(entry.event);
    else this.unreadable(entry.ref, entry.reason);
  }

  /** The commitment a new seal would record now, over everything checked so far. */
  commitmentNow(): { commitment: SealCommitment; leaves: LocatedStreamHead[] } {
    return commitTo(this.chain.streamHeads(), this.chain.lastPosition ?? 0n, this.chain.eventCount);
  }

  finish(): LogVerification {
    for (const upTo of this.pending.splice(0)) this.commitAt(upTo);
    for (const r of this.receipts.values()) {
      this.report({
        kind: 'receipt',
        at: r.position,
        message: `the receipt names a seal at position ${r.position.toString()}, but the log has no event there: it was removed`,
      });
    }
    this.receipts.clear();
    return {
      events: this.chain.eventCount,
      streams: this.chain.streamCount,
      lastPosition: this.chain.lastPosition,
      seals: this.sealsChecked,
      receipts: this.receiptsChecked,
      faults: [...this.found].sort(byPosition),
      faultCount: this.faultCount,
    };
  }

  private report(fault: Fault): void {
    this.faultCount++;
    if (this.found.length < (this.options.maxFaults ?? 1000)) this.found.push(fault);
  }

  /** Commits the heads at every seal position the pass is about to leave behind. */
  private commitBefore(position: bigint): void {
    while (this.pending.length > 0 && this.pending[0]! < position) this.commitAt(this.pending.shift()!);
  }

  private commitAt(upTo: bigint): void {
    const { commitment, leaves } = commitTo(this.chain.streamHeads(), upTo, this.chain.eventCount);
    this.commitments.set(upTo, commitment);
    for (const seal of this.options.seals ?? []) {
      if (seal.upToPosition !== upTo || seal.root === commitment.root) continue;
      const sealed = this.options.sealedLeaves?.(seal.position);
      // Trust kept leaves only if they hash to the recorded root; otherwise the root mismatch stands alone.
      if (sealed && sealRoot(sortHeads(sealed)) === seal.root) {
        for (const f of sealedHeadFaults(sortHeads(sealed), leaves, seal)) this.report(f);
      }
    }
  }

  private checkSeal(e: RecordedEvent): void {
    const fault = (message: string): void =>
      this.report({ kind: 'seal', at: e.position, event: refOf(e), message });
    const sealed = fromSealedData(e.data);
    if (!sealed) return fault('not a seal: data lacks upToPosition, root, streamCount or eventCount');
    if (sealed.upToPosition >= e.position) return fault('the seal covers positions at or after its own');
    const now = this.commitments.get(sealed.upToPosition);
    if (!now) {
      return fault(
        `the seal was not listed in ${SEAL_STREAM} before the pass, so it could not be recomputed`,
      );
    }
    this.sealsChecked.push(sealed);
    if (
      now.root === sealed.root &&
      now.streamCount === sealed.streamCount &&
      now.eventCount === sealed.eventCount
    ) {
      return;
    }
    fault(
      `sealed root ${shortHash(sealed.root)} over positions ≤ ${sealed.upToPosition.toString()} ` +
        `(${sealed.streamCount} streams, ${sealed.eventCount} events) ≠ recomputed ${shortHash(now.root)} ` +
        `(${now.streamCount} streams, ${now.eventCount} events): history before the seal changed`,
    );
  }

  private checkReceipt(e: RecordedEvent, r: SealReceipt): void {
    this.receipts.delete(e.position);
    this.receiptsChecked++;
    const fault = (message: string): void =>
      this.report({ kind: 'receipt', at: e.position, event: refOf(e), message });
    if (!isSeal(e)) return fault(`the receipt names a seal here, but this is a ${e.type} in ${e.streamId}`);
    const sealed = fromSealedData(e.data);
    if (sealed?.root !== r.root) {
      return fault(`receipt root ${shortHash(r.root)} ≠ recorded ${shortHash(sealed?.root)}`);
    }
    if (e.metadata['recordedAt'] !== r.sealedAt) {
      return fault(`receipt time ${r.sealedAt} ≠ recorded ${String(e.metadata['recordedAt'])}`);
    }
    if (r.upToPosition !== undefined && r.upToPosition !== sealed.upToPosition) {
      return fault(
        `receipt covers ≤ ${r.upToPosition.toString()}, the seal ≤ ${sealed.upToPosition.toString()}`,
      );
    }
  }
}
