/** Wall-clock time and command count per phase of the demo, for the printed timings. */
export interface PhaseTiming {
  phase: string;
  commands: number;
  ms: number;
}

export class PhaseTimer {
  readonly phases: PhaseTiming[] = [];

  constructor(
    private readonly commandCount: () => number,
    private readonly onDone: (timing: PhaseTiming) => void = () => undefined,
  ) {}

  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    const before = this.commandCount();
    try {
      return await work();
    } finally {
      const timing = { phase, commands: this.commandCount() - before, ms: performance.now() - start };
      this.phases.push(timing);
      this.onDone(timing);
    }
  }
}
