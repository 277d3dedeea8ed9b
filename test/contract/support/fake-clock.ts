/** A clock tests move by hand: recordedAt becomes an assertion, not a race with the wall clock. */
export class FakeClock {
  constructor(private current: Date = new Date('2025-01-15T02:00:00.000Z')) {}

  readonly now = (): Date => new Date(this.current.getTime());

  set(at: Date | string): void {
    this.current = new Date(at);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
