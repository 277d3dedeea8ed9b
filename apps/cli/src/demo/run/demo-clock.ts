/**
 * The ledger's clock during the demo (LedgerConfig.clock): set to a day and time in 2024 (Asia/Shanghai) for
 * each step, it then ticks one millisecond per reading, so recordedAt never goes backwards and `asOf`
 * queries on the recorded data make sense.
 */
export class DemoClock {
  private cursor = 0;
  private last = 0;

  /** Moves to `2024-03-04 09:00` Shanghai time; never backwards. */
  set(shanghaiDateTime: string): void {
    const at = Date.parse(`${shanghaiDateTime.replace(' ', 'T')}:00+08:00`);
    if (Number.isNaN(at)) throw new RangeError(`not a date and time: ${shanghaiDateTime}`);
    if (at < this.last) throw new RangeError(`the demo clock cannot go back to ${shanghaiDateTime}`);
    this.cursor = at;
  }

  readonly now = (): Date => {
    this.last = Math.max(this.last + 1, this.cursor);
    return new Date(this.last);
  };
}
