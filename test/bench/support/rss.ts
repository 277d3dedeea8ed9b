/**
 * Peak resident set size of this process while something runs: sampled every 100 ms (a sample also runs at
 * the start and end), so a spike shorter than the interval can be missed; the kernel's own high-water mark
 * (`maxRSS`) covers the whole process life and is the figure the orchestrator reports. Not more often: on
 * this VM a sample (`process.memoryUsage.rss()`, which reads /proc) cost ~160 µs of the timed thread, and
 * every 10 ms that was 0.2 s of a 12 s rebuild (--cpu-prof).
 */
export class RssSampler {
  private peak = 0;
  private timer: NodeJS.Timeout | undefined;

  start(intervalMs = 100): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    return this;
  }

  /** Also call from inside long synchronous work, where the timer cannot fire. */
  sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }

  stop(): number {
    this.sample();
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    return this.peak;
  }
}

export const toMb = (bytes: number): number => Math.round(bytes / (1024 * 1024));
