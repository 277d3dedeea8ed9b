/**
 * Profiles the HTTP scenario's server under the bench's load: `node scripts/run-ts.js
 * test/bench/support/http-profile.ts get|post|both [SECONDS]` starts scenarios/http-server.ts with
 * `--cpu-prof` (profiles land in ./.cpu-prof), loads it like the bench does, and stops it so the profile is
 * written. Open the .cpuprofile in Chrome DevTools, or summarise it by self time. Not part of `npm run bench`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load } from './http-load';
import { runChild, ROOT } from './child';
import { benchPerson } from './people';
import { GET_PERSONS, enrollments } from './http-shape';
import { progress } from './figures';

async function main(): Promise<void> {
  const what = process.argv[2] ?? 'both';
  const seconds = Number(process.argv[3] ?? 10);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-http-profile-'));
  let onReady!: (v: { port: number; tokens: Record<string, string> }) => void;
  const ready = new Promise<{ port: number; tokens: Record<string, string> }>((r) => (onReady = r));
  const profDir = path.join(ROOT, '.cpu-prof');
  const server = runChild(
    'http-server.ts',
    [dir],
    (line) => {
      if (line.startsWith('READY ')) onReady(JSON.parse(line.slice(6)) as { port: number; tokens: Record<string, string> });
      else process.stderr.write(`${line}\n`); // e.g. --trace-gc
    },
    [...(process.env.NO_PROF ? [] : ['--cpu-prof', `--cpu-prof-dir=${profDir}`]), ...(process.env.NODE_ARGS ?? '').split(' ').filter(Boolean)],
  );
  const { port, tokens } = await ready;
  const certs = Array.from({ length: GET_PERSONS }, (_, i) => benchPerson(i).certificateNumber);
  if (what !== 'post') {
    await load({ port, method: 'GET', token: tokens.auditor!, seconds: 3, connections: 32, request: (n) => ({ path: `/api/v1/beneficiaries/${certs[(n * 7919) % certs.length]}` }) });
    const before = serverCpuMs(dir);
    const g = await load({ port, method: 'GET', token: tokens.auditor!, seconds, connections: 32, request: (n) => ({ path: `/api/v1/beneficiaries/${certs[(n * 7919) % certs.length]}` }) });
    progress(`GET ${JSON.stringify(g)}; server CPU ${((1000 * (serverCpuMs(dir) - before)) / g.total).toFixed(0)} µs a request`);
  }
  if (what !== 'get') {
    const before = serverCpuMs(dir);
    const e = await load({
      port,
      method: 'POST',
      token: tokens.clerk!,
      seconds,
      connections: 32,
      request: enrollments(),
    });
    progress(`POST ${JSON.stringify(e)}; server CPU ${((1000 * (serverCpuMs(dir) - before)) / e.total).toFixed(0)} µs a request`);
  }
  server.stop();
  await server.done;
  if (process.env.KEEP_DIR) progress(`data kept in ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
  progress(`profile written under ${profDir}`);
}

/** CPU time (user + system) the server process has used so far, from /proc (Linux). */
function serverCpuMs(dir: string): number {
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmdline = '';
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmdline.includes('http-server.ts') || !cmdline.includes(dir)) continue;
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
  }
  throw new Error('the server process was not found');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
