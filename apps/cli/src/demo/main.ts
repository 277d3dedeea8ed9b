/**
 * `npm run demo [-- --data-dir DIR] [--concurrency N] [--seed N]`: records Jinzhai County's 2024 (金寨县残联
 * 2024年工作总结) into a fresh ledger through the same command handlers the API uses, then prints the
 * programs and funding reports, which must equal the county's figures (exit 1 if they do not).
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '@subsidy/ledger/config/ledger-config';
import type { FundingReportRow, ProgramsReportRow } from '@subsidy/ledger/reports/report-types';
import { DEMO_YEAR, PROGRAM_YEARS_2024 } from './figures/program-years-2024';
import { CERTIFIED_PERSONS } from './figures/register-2024';
import { chooseParticipants } from './generate/participants';
import { DEFAULT_SEED, generatePeople } from './generate/people';
import { figureMismatches } from './print/check-figures';
import { nextSteps, timings } from './print/closing';
import { outcomeText } from './print/outcome';
import { groupThousands } from './print/bilingual-table';
import { DemoRefusal, prepareDataDir } from './run/data-dir';
import { DemoClock } from './run/demo-clock';
import { Ledger } from './run/ledger';
import { PhaseTimer } from './run/phase-timer';
import { recordYear } from './run/year-2024';

const say = (text = '') => process.stdout.write(`${text}\n`);

async function main(argv: string[]): Promise<number> {
  const started = performance.now();
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, concurrency: { type: 'string' }, seed: { type: 'string' } },
    strict: true,
  });
  const concurrency = wholeNumber('--concurrency', values.concurrency ?? '16');
  const seed = wholeNumber('--seed', values.seed ?? String(DEFAULT_SEED));
  if ((process.env.LEDGER_STORE ?? 'sqlite').toLowerCase() !== 'sqlite') {
    throw new DemoRefusal(
      'the demo records into a fresh embedded store; unset LEDGER_STORE or set it to sqlite',
    );
  }
  const dataDir = prepareDataDir(values['data-dir'] ?? process.env.LEDGER_DATA_DIR);

  const people = generatePeople(DEMO_YEAR, seed);
  const participants = chooseParticipants(people, PROGRAM_YEARS_2024, DEMO_YEAR, seed);
  say(`金寨县残联 ${DEMO_YEAR} — Jinzhai County Disabled Persons' Federation, ${DEMO_YEAR}`);
  say(
    `Recording ${groupThousands(String(CERTIFIED_PERSONS))} certified persons and ${PROGRAM_YEARS_2024.length} program-years into ${dataDir}`,
  );
  say(`through the ledger's command bus, ${concurrency} registrations in flight.\n`);

  const clock = new DemoClock();
  const ledger = await Ledger.open(loadConfig(process.env, { dataDir, store: 'sqlite', clock: clock.now }));
  try {
    const timer = new PhaseTimer(
      () => ledger.commandCount,
      (p) =>
        say(`  ✓ ${p.phase}: ${groupThousands(String(p.commands))} commands, ${(p.ms / 1000).toFixed(1)} s`),
    );
    const input = { year: DEMO_YEAR, people, participants, plans: PROGRAM_YEARS_2024, seed, concurrency };
    const record = await recordYear(ledger, clock, input, timer);
    const [programs, funding] = await timer.time('reports 报表', () =>
      Promise.all([
        ledger.report<ProgramsReportRow>('programs', DEMO_YEAR),
        ledger.report<FundingReportRow>('funding', DEMO_YEAR),
      ]),
    );
    const midYear = `${DEMO_YEAR}-06-30`;
    const asOf = await timer.time(`report as of ${midYear} (replayed) 年中`, () =>
      ledger.report<ProgramsReportRow>('programs', DEMO_YEAR, midYear),
    );

    const mismatches = figureMismatches(PROGRAM_YEARS_2024, programs, funding);
    const outcome = { year: DEMO_YEAR, plans: PROGRAM_YEARS_2024, programs, funding, record, mismatches };
    say(`\n${outcomeText({ ...outcome, asOf: { date: midYear, programs: asOf } })}`);
    say(`\n${timings(timer.phases, performance.now() - started)}`);
    say(`\nElapsed 用时: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    say(nextSteps(dataDir));
    return mismatches.length === 0 ? 0 : 1;
  } finally {
    await ledger.close();
  }
}

function wholeNumber(option: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new DemoRefusal(`${option} must be a whole number ≥ 1, is "${text}"`);
  return n;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    const refused =
      e instanceof DemoRefusal ||
      (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'));
    process.stderr.write(
      `demo: ${refused ? (e as Error).message : e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exit(refused ? 2 : 1);
  },
);
