import type { RecordedEvent } from '@subsidy/event-store';
import { careScenario, payBack } from '@subsidy/ledger/read-models/testing/care-scenario';
import { buildReport, renderCsv, type ReportName } from '@subsidy/ledger/reports';
import { endOfDayShanghai } from '@subsidy/ledger/time-travel/as-of';
import { RecordedLedger } from './support/recorded-ledger';

/**
 * `replay --to DATE`: a report as it stood at the end of DATE (Asia/Shanghai), from a fresh replay of the log,
 * must equal the report the live read models gave that day.
 */
describe('replay --to DATE', () => {
  const scenario = careScenario();
  payBack(scenario);
  // The scenario's events, one every 40 minutes from 2024-03-01 10:00 Shanghai time: several days of work.
  const events: RecordedEvent[] = scenario.ledger.events.map((e, i) => ({
    ...e,
    metadata: {
      ...e.metadata,
      recordedAt: new Date(Date.parse('2024-03-01T02:00:00Z') + i * 40 * 60_000).toISOString(),
    },
  }));
  const at = (e: RecordedEvent) => Date.parse(String(e.metadata['recordedAt']));
  // The day the bank's returns came in: paid, failed and reversed lines all change that evening or later.
  const bankDay = shanghaiDate(at(events.find((e) => e.type === 'BankReturnRecorded')!));
  const lastDay = shanghaiDate(at(events.at(-1)!));
  const REPORTS: ReportName[] = ['funding', 'programs', 'townships'];
  const ledger = new RecordedLedger();
  const liveOnBankDay = new Map<ReportName, string>();

  beforeAll(async () => {
    const cutoff = endOfDayShanghai(bankDay);
    await ledger.record(events.filter((e) => at(e) < cutoff));
    await ledger.project();
    for (const r of REPORTS)
      liveOnBankDay.set(
        r,
        ledger.readModels((db) => renderCsv(r, buildReport(db, r, { year: 2024 }), 'en')),
      );
    await ledger.record(events.filter((e) => at(e) >= cutoff));
    await ledger.project();
  });
  afterAll(() => ledger.remove());

  it('has history on both sides of the day', () => {
    expect(bankDay < lastDay).toBe(true);
  });

  it.each(REPORTS)('gives the %s report the live read models gave at the end of that day', async (report) => {
    const { code, out } = await ledger.replay('--to', bankDay, '--report', report, '--format', 'csv');
    expect(code).toBe(0);
    expect(out).toBe(liveOnBankDay.get(report));
    const today = ledger.readModels((db) => renderCsv(report, buildReport(db, report, { year: 2024 }), 'en'));
    expect(today).not.toBe(out); // history moved on since that day
  });

  it('gives today’s report when replayed to today', async () => {
    const { out } = await ledger.replay('--to', lastDay, '--report', 'funding', '--format', 'csv');
    expect(out).toBe(
      ledger.readModels((db) => renderCsv('funding', buildReport(db, 'funding', { year: 2024 }), 'en')),
    );
  });

  it('gives an empty report for a day before anything was recorded', async () => {
    const { out } = await ledger.replay(
      '--to',
      '2024-02-29',
      '--report',
      'funding',
      '--year',
      '2024',
      '--format',
      'json',
    );
    expect(JSON.parse(out)).toEqual([]);
  });

  it('prints an aligned text table by default, numbers right-aligned', async () => {
    const { code, out } = await ledger.replay('--to', bankDay, '--report', 'funding');
    expect(code).toBe(0);
    const [title, blank, header, rule, ...rows] = out.trimEnd().split('\n');
    expect(title).toBe(
      `funding 2024, as recorded by the end of ${bankDay} (Asia/Shanghai), replayed from the log`,
    );
    expect(blank).toBe('');
    expect(header).toMatch(/^programCode\s+year\s+allocated\.upper\s+allocated\.county/);
    expect(rule).toMatch(/^-+( {2}-+)+$/);
    expect(rows.map((r) => r.split(/\s+/)[0]).sort()).toEqual(['care-services', 'fuel-subsidy']);
    expect(rows.every((r) => r.length === rule!.length)).toBe(true); // the last column is right-aligned money
  });

  it('refuses a date that is not one', async () => {
    await expect(ledger.replay('--to', '2024-02-30', '--report', 'funding')).rejects.toThrow(/--to: a date/);
    await expect(ledger.replay('--to', '2024-03-01', '--report', 'balances')).rejects.toThrow(
      /--report: one of/,
    );
  });
});

function shanghaiDate(epochMs: number): string {
  return new Date(epochMs + 8 * 3_600_000).toISOString().slice(0, 10);
}
