import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { careScenario } from '@subsidy/ledger/read-models/testing/care-scenario';
import { changeOneByte, named, RecordedLedger } from './support/recorded-ledger';

/** The real command line, as an auditor and the acceptance tests run it: exit codes and output. */
describe('npm run cli -- verify | seal | replay', () => {
  const ledger = new RecordedLedger();
  const cli = (...args: string[]) =>
    spawnSync(
      process.execPath,
      [path.join('scripts', 'run-ts.js'), path.join('apps', 'cli', 'src', 'main.ts'), ...args],
      {
        cwd: path.resolve(__dirname, '..', '..'),
        env: { ...process.env, LEDGER_DATA_DIR: ledger.dataDir },
        encoding: 'utf8',
      },
    );

  beforeAll(async () => {
    await ledger.record(careScenario().ledger.events);
    await ledger.project();
  });
  afterAll(() => ledger.remove());

  it('seals, verifies with the receipt (exit 0), then names a tampered event (exit 1)', () => {
    const sealed = cli('seal', '--actor', 'auditor-wu');
    expect(sealed.status).toBe(0);
    const receipt = sealed.stdout.split('\n')[0]!;
    expect(receipt).toMatch(/^seal@\d+:[0-9a-f]{64}:\d{4}-\d\d-\d\dT[\d:.]+Z$/);

    const clean = cli('verify', '--receipt', receipt);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toMatch(/^verify: OK\n/);

    const row = ledger.rows("type = 'AllocationRecorded'")[1]!;
    ledger.tamper((db) =>
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(changeOneByte(row.data), row.position),
    );
    const tampered = cli('verify', '--receipt', receipt);
    expect(tampered.status).toBe(1);
    expect(tampered.stdout.split('\n')[0]).toContain(`verify: FAILED at ${named(row)}: content changed`);
  });

  it('prints a report replayed to a date, and exits 2 on a usage error', () => {
    const csv = cli('replay', '--to', '2024-03-01', '--report', 'programs', '--format', 'csv');
    expect(csv.status).toBe(0);
    expect(csv.stdout.split('\n')[0]).toBe('programCode,year,quota,enrolled,paidPersons,paidAmount');
    const bad = cli('replay', '--report', 'programs');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--to: a date/);
  });
});
