import { noteReadPosition } from '../context/request-context';

/** The read models are behind the log position a read must reflect: answer 503 with Retry-After. */
export class ReadModelLagError extends Error {
  override readonly name = 'ReadModelLagError';
  constructor(
    readonly wanted: bigint,
    readonly reached: bigint,
    readonly retryAfterSeconds = 1,
  ) {
    super(`read models reached position ${reached}, not yet ${wanted}`);
  }
}

export interface PositionSource {
  readonly position: bigint;
  waitForPosition(position: bigint, timeoutMs: number): Promise<boolean>;
}

/**
 * Read-your-writes: every write this server acknowledged raises a high-water mark; a read first waits
 * (bounded) until the read models have applied the log up to it, or up to the client's `minPosition`.
 */
export class ReadYourWrites {
  private acknowledged = 0n;

  constructor(
    private readonly projections: PositionSource,
    private readonly waitMs: number,
  ) {}

  acknowledge(position: bigint): void {
    if (position > this.acknowledged) this.acknowledged = position;
  }

  get lastAcknowledged(): bigint {
    return this.acknowledged;
  }

  /** The position the read models have reached now. */
  get currentReadPosition(): bigint {
    return this.projections.position;
  }

  /** Resolves once reads reflect at least `minPosition` and every acknowledged write; notes the position read. */
  async awaitReadable(minPosition = 0n): Promise<bigint> {
    const wanted = minPosition > this.acknowledged ? minPosition : this.acknowledged;
    if (this.projections.position < wanted) {
      const reached = await this.projections.waitForPosition(wanted, this.waitMs);
      if (!reached) throw new ReadModelLagError(wanted, this.projections.position);
    }
    const position = this.projections.position;
    noteReadPosition(position);
    return position;
  }
}
