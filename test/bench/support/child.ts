/**
 * Runs a scenario in its own Node process (memory-heavy scenarios must not inflate each other's RSS), passes
 * its stderr through, collects the figures it prints, and its peak RSS (kernel maxRSS, kB → MB).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { FIGURE_PREFIX, type Figure } from './figures';
import { MAX_RSS_PREFIX } from './scenario';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface ChildOutcome {
  figures: Figure[];
  maxRssMb: number;
}

export function runChild(
  scenario: string,
  args: readonly string[],
  onLine: (line: string) => void = () => undefined,
  nodeArgs: readonly string[] = [],
): { done: Promise<ChildOutcome>; stop: () => void } {
  const child = spawn(
    process.execPath,
    [...nodeArgs, path.join(ROOT, 'scripts', 'run-ts.js'), path.join(ROOT, 'test', 'bench', 'scenarios', scenario), ...args],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const figures: Figure[] = [];
  let maxRssMb = 0;
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith(FIGURE_PREFIX)) figures.push(JSON.parse(line) as Figure);
    else if (line.startsWith(MAX_RSS_PREFIX)) maxRssMb = Math.round(Number(line.slice(MAX_RSS_PREFIX.length)) / 1024);
    else onLine(line);
  });
  const done = new Promise<ChildOutcome>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve({ figures, maxRssMb });
      else reject(new Error(`${scenario} ${args.join(' ')} exited with ${code ?? signal}`));
    });
  });
  // Closing its stdin asks a long-running scenario (the HTTP server) to shut down cleanly and report.
  return { done, stop: () => child.stdin!.end() };
}
