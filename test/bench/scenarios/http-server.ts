/**
 * The real HTTP API (createApp: Nest over Express, the embedded store, durable appends) on a seeded data
 * directory, for the orchestrator's autocannon runs: `http-server.ts DIR`.
 *
 * Seeded straight into the log (support/seed-log.ts), then projected by the app's own runner at start:
 * GET_PERSONS people registered and enrolled in 辅具适配 2024 (they are the GET targets), and ENROLL_PERSONS
 * more people registered only, with 高等教育资助 2024 opened for them (each POST /enrollments enrolls one of
 * them, never the same twice). Prints `READY {port, tokens}` when listening; stops when its stdin closes.
 */
import fs from 'node:fs';
import 'reflect-metadata';
import { createApp } from '../../../apps/api/src/bootstrap';
import { loadConfig } from '@subsidy/ledger/config/ledger-config';
import { UserStore } from '@subsidy/ledger/users/user-store';
import { beneficiaryStream, programYearStream } from '@subsidy/domain/events/streams';
import { SeedLog } from '../support/seed-log';
import { benchPerson } from '../support/people';
import { enrollment, fundingFor, registration, PROGRAM, RATE, YEAR } from '../support/program-year-setup';
import { progress } from '../support/figures';
import { ENROLL_PERSONS, ENROLL_PROGRAM, GET_PERSONS } from '../support/http-shape';
import { runScenario } from '../support/scenario';


const dir = process.argv[2]!;

async function seed(): Promise<void> {
  const log = await SeedLog.open(dir);
  const at = new Date('2024-02-20T02:00:00Z');
  for (let i = 0; i < GET_PERSONS + ENROLL_PERSONS; i++) {
    const p = benchPerson(i);
    log.append(beneficiaryStream(p.idNumber), [registration(p, at)], 'clerk-li', at);
  }
  const on = new Date('2024-03-01T02:00:00Z');
  const plan = fundingFor(GET_PERSONS);
  const config = (programCode: string, rates: Record<string, string>, quota: number, fundingPlan: { upper: string; county: string }) => ({
    type: 'ProgramYearOpened',
    data: { programCode, year: YEAR, quota, rates, fundingPlan, fundingPolicy: 'proportional' },
  });
  const stream = programYearStream(PROGRAM, YEAR);
  log.append(stream, [config(PROGRAM, { standard: RATE }, GET_PERSONS, plan)], 'finance-zhou', on);
  for (let i = 0; i < GET_PERSONS; i++) log.append(stream, [enrollment(benchPerson(i), PROGRAM, YEAR, RATE)], 'clerk-li', on);
  log.append(
    programYearStream(ENROLL_PROGRAM, YEAR),
    [config(ENROLL_PROGRAM, { standard: '5000.00' }, ENROLL_PERSONS, { upper: '150000000.00', county: '150000000.00' })],
    'finance-zhou',
    on,
  );
  log.close();
}

async function main(): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  await seed();
  const users = new UserStore(dir);
  const tokens = { clerk: users.add('clerk-li', ['clerk']).token, auditor: users.add('auditor-wu', ['auditor']).token };
  users.close();
  const t = performance.now();
  const app = await createApp(loadConfig({ LEDGER_DATA_DIR: dir }), { logger: false });
  await app.listen(0, '127.0.0.1');
  progress(`  API up on the seeded log in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const address = (app.getHttpServer() as { address(): { port: number } }).address();
  process.stdout.write(`READY ${JSON.stringify({ port: address.port, tokens })}\n`);
  await new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.resume();
  });
  await app.close();
}

runScenario(main);
