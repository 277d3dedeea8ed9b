import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = path.resolve(__dirname, '../../../..');

/** A TypeScript fixture running in its own process (`node scripts/run-ts.js`), talked to by lines. */
export class TsProcess {
  private readonly lines: string[] = [];
  private readonly listeners = new Set<() => void>();
  private stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      this.lines.push(line);
      for (const l of this.listeners) l();
    });
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        child.stdin?.destroy(); // nobody left to read it: release the pipe so jest's worker can exit
        resolve({ code, signal });
      }),
    );
    void this.exited.then(() => {
      for (const l of this.listeners) l();
    });
  }

  /** The first line (seen so far or still to come) that `matches`; rejects if the process exits first. */
  line(matches: (line: string) => boolean): Promise<string> {
    return new Promise((resolve, reject) => {
      let exited = false;
      void this.exited.then(() => (exited = true));
      const check = (): void => {
        const found = this.lines.find(matches);
        if (found !== undefined) {
          this.listeners.delete(check);
          resolve(found);
        } else if (exited || this.child.exitCode !== null || this.child.signalCode !== null) {
          this.listeners.delete(check);
          reject(new Error(`process exited before the expected line; stderr:\n${this.stderr}`));
        }
      };
      this.listeners.add(check);
      check();
    });
  }

  send(line: string): void {
    this.child.stdin!.write(`${line}\n`);
  }

  get errorOutput(): string {
    return this.stderr;
  }

  /** Resolves when it exits with 0; rejects with its stderr otherwise. */
  async succeeded(): Promise<void> {
    const { code, signal } = await this.exited;
    if (code !== 0) throw new Error(`fixture exited with ${code ?? signal}; stderr:\n${this.stderr}`);
  }
}

/** Starts `node scripts/run-ts.js FIXTURE ARGS…` from the repository root. */
export function spawnTs(fixture: string, args: readonly string[]): TsProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/run-ts.js'), fixture, ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return new TsProcess(child);
}
