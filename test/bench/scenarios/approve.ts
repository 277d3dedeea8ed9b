/**
 * Approving a `payOutstanding` batch: `approve.ts setup LINES DIR bus|direct`, then `approve.ts measure LINES
 * DIR` in a fresh process (so the setup's memory and caches are not in the figure).
 *
 * setup `bus`: everything through the command bus and the real handlers — program-year opened, both
 * allocations, LINES registrations (16 in flight), LINES enrollments (32 in flight), and the payOutstanding draft.
 * setup `direct`: registrations, the program-year and its enrollments are appended straight into the log
 * (support/seed-log.ts); the read models catch up through the runner; the draft goes through the handler.
 *
 * measure: starts the ledger on that data (nothing cached), then times ApprovePaymentBatchCommand through the
 * command bus until every read model has applied the approval (each of the LINES lines approved, split, and
 * added to its person's entitlement).
 */
import fs from 'node:fs';
import path from 'node:path';
import { OpenProgramYearCommand, RecordAllocationCommand } from '@subsidy/ledger/programs/commands/program.commands';
import { RegisterBeneficiaryCommand } from '@subsidy/ledger/registry/commands/registry.commands';
import { EnrollBeneficiaryCommand } from '@subsidy/ledger/enrollment/commands/enroll-beneficiary.command';
import {
  ApprovePaymentBatchCommand,
  DraftPaymentBatchCommand,
} from '@subsidy/ledger/disbursement/commands/disbursement.commands';
import type { DraftedBatch } from '@subsidy/ledger/disbursement/handlers/draft-payment-batch.handler';
import { programYearStream, beneficiaryStream } from '@subsidy/domain/events/streams';
import { BenchLedger } from '../support/ledger-app';
import { benchPeople } from '../support/people';
import { forEachLimited } from '../support/pool';
import { SeedLog } from '../support/seed-log';
import { emitFigure, progress, round } from '../support/figures';
import { RssSampler, toMb } from '../support/rss';
import { runScenario } from '../support/scenario';
import { PROGRAM, RATE, YEAR, enrollment, fundingFor, registration } from '../support/program-year-setup';

const [phase, linesArg, dir, mode] = process.argv.slice(2);
const lines = Number(linesArg);
const stateFile = (d: string) => path.join(d, 'bench-approve.json');

async function setupThroughBus(ledger: BenchLedger): Promise<void> {
  const people = benchPeople(lines);
  const plan = fundingFor(lines);
  await ledger.execute('finance-zhou', (ctx) =>
    new OpenProgramYearCommand(ctx, PROGRAM, YEAR, { quota: lines, rates: { standard: RATE }, fundingPlan: plan }),
  );
  for (const source of ['upper', 'county'] as const) {
    await ledger.execute('finance-zhou', (ctx) =>
      new RecordAllocationCommand(ctx, PROGRAM, YEAR, {
        source,
        amount: plan[source],
        reference: `皖残联〔2024〕${source === 'upper' ? 11 : 12}号`,
        receivedOn: '2024-03-01',
      }),
    );
  }
  let t = performance.now();
  await forEachLimited(people, 16, (p) =>
    ledger.execute('clerk-li', (ctx) =>
      new RegisterBeneficiaryCommand(ctx, {
        certificateNumber: p.certificateNumber,
        name: p.name,
        township: p.township,
        bankAccount: p.bankAccount,
      }),
    ),
  );
  progress(`  ${lines} registrations through the command bus in ${round((performance.now() - t) / 1000)} s`);
  t = performance.now();
  await forEachLimited(people, 32, (p) =>
    ledger.execute('clerk-li', (ctx) =>
      new EnrollBeneficiaryCommand(ctx, { certificateNumber: p.certificateNumber, programCode: PROGRAM, year: YEAR }),
    ),
  );
  progress(`  ${lines} enrollments through the command bus in ${round((performance.now() - t) / 1000)} s`);
}

async function seedDirectly(dataDir: string): Promise<void> {
  const log = await SeedLog.open(dataDir);
  const at = new Date('2024-02-20T02:00:00Z');
  const people = benchPeople(lines);
  for (const p of people) log.append(beneficiaryStream(p.idNumber), [registration(p, at)], 'clerk-li', at);
  const plan = fundingFor(lines);
  const stream = programYearStream(PROGRAM, YEAR);
  const opened = { programCode: PROGRAM, year: YEAR, quota: lines, rates: { standard: RATE }, fundingPlan: plan, fundingPolicy: 'proportional' };
  const on = new Date('2024-03-01T02:00:00Z');
  log.append(stream, [{ type: 'ProgramYearOpened', data: opened }], 'finance-zhou', on);
  for (const source of ['upper', 'county'] as const) {
    const data = { allocationId: `alloc-${source}`, programCode: PROGRAM, year: YEAR, source, amount: plan[source], reference: `ref-${source}`, receivedOn: '2024-03-01' };
    log.append(stream, [{ type: 'AllocationRecorded', data }], 'finance-zhou', on);
  }
  // Enrollments one command each, as clerks record them (each its own append in real life).
  for (const p of people) log.append(stream, [enrollment(p, PROGRAM, YEAR, RATE)], 'clerk-li', new Date('2024-03-05T02:00:00Z'));
  log.close();
  progress(`  ${log.count} events seeded straight into the log`);
}

async function setup(): Promise<void> {
  fs.mkdirSync(dir!, { recursive: true });
  if (mode === 'direct') await seedDirectly(dir!);
  const t = performance.now();
  const ledger = await BenchLedger.open(dir!);
  if (mode === 'direct') progress(`  read models caught up on the seeded log in ${round((performance.now() - t) / 1000)} s`);
  if (mode === 'bus') await setupThroughBus(ledger);
  const { result, position } = await ledger.execute<DraftedBatch>('clerk-li', (ctx) =>
    new DraftPaymentBatchCommand(ctx, { programCode: PROGRAM, year: YEAR, payOutstanding: true }),
  );
  await ledger.caughtUp(position);
  if (result.lines.length !== lines) throw new Error(`draft has ${result.lines.length} lines, wanted ${lines}`);
  progress(`  drafted ${result.batchId}: ${result.lines.length} lines, ${result.total}`);
  fs.writeFileSync(stateFile(dir!), JSON.stringify({ batchId: result.batchId, total: result.total }));
  await ledger.close();
}

async function measure(): Promise<void> {
  const { batchId } = JSON.parse(fs.readFileSync(stateFile(dir!), 'utf8')) as { batchId: string };
  const ledger = await BenchLedger.open(dir!);
  const rss = new RssSampler().start();
  const t = performance.now();
  const { result, position } = await ledger.execute<{ status: string; total: string }>('approver-zhao', (ctx) =>
    new ApprovePaymentBatchCommand(ctx, batchId),
  );
  const decidedMs = performance.now() - t;
  await ledger.caughtUp(position);
  const ms = performance.now() - t;
  const peak = rss.stop();
  await ledger.close();
  if (result.status !== 'approved') throw new Error(`approval answered ${JSON.stringify(result)}`);
  emitFigure({
    name: 'approval',
    value: round(ms / 1000, 2),
    unit: 's',
    conditions: `${lines} lines; approval recorded in ${round(decidedMs / 1000, 2)} s, read models caught up ${round((ms - decidedMs) / 1000, 2)} s later; sampled peak RSS ${toMb(peak)} MB`,
  });
}

runScenario(phase === 'setup' ? setup : measure);
