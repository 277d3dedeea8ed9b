/**
 * What the bench reports: one figure per JSON line on stdout, `{name, value, unit, conditions}`; what it is
 * doing goes to stderr. Scenario processes print figures the same way and the orchestrator passes them on.
 */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  conditions: string;
}

export const FIGURE_PREFIX = '{"name":';

export function emitFigure(figure: Figure): void {
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

const started = performance.now();

/** Progress on stderr, with seconds since the process started. */
export function progress(message: string): void {
  const s = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${s}s] ${message}\n`);
}

/** Runs `work` and returns its result with the elapsed milliseconds. */
export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const t = performance.now();
  const result = await work();
  return { result, ms: performance.now() - t };
}

export const round = (n: number, digits = 1): number => Number(n.toFixed(digits));
