import Database from 'better-sqlite3';
import { parseArgs } from 'node:util';
import { createEventStore } from '@subsidy/event-store';
import { isProgramCode } from '@subsidy/domain/catalogue/program-code';
import { loadConfig, type LedgerConfig } from '@subsidy/ledger/config/ledger-config';
import { UserError } from '@subsidy/ledger/users/user-store';
import { buildReport, renderCsv, type ReportLang, type ReportName } from '@subsidy/ledger/reports';
import { TimeTravel } from '@subsidy/ledger/time-travel/time-travel';
import { renderReportText } from '@subsidy/ledger/audit/report/render-report-text';
import type { CliCommand } from './cli-command';

const REPORTS: readonly ReportName[] = ['funding', 'programs', 'townships'];
const FORMATS = ['text', 'csv', 'json'] as const;

/**
 * `replay --to DATE --report R [--year Y] [--program C] [--format text|csv|json] [--lang en|zh]`: the report as
 * it stood at the end of DATE (Asia/Shanghai), from a fresh replay of the log — not from today's read models.
 */
export const replayCommand: CliCommand = {
  name: 'replay',
  usage:
    'replay --to YYYY-MM-DD --report funding|programs|townships [--year Y] [--program CODE] [--format text|csv|json] [--lang en|zh]',
  run: (args) => runReplay(args, loadConfig(), (text) => process.stdout.write(text)),
};

export async function runReplay(
  args: string[],
  config: LedgerConfig,
  write: (text: string) => void,
): Promise<number> {
  const o = parse(args);
  const store = createEventStore({
    kind: config.store,
    dataDir: config.dataDir,
    connectionString: config.eventStoreConnectionString,
    clock: config.clock,
  });
  // TimeTravel reads the live read models only to find one person's events; a whole-log replay never does.
  const unused = new Database(':memory:');
  try {
    const rows = await new TimeTravel(store, unused).wholeLogAsOf(o.to, (db) =>
      buildReport(db, o.report, { year: o.year, programCode: o.program }),
    );
    if (o.format === 'csv') write(renderCsv(o.report, rows, o.lang));
    else if (o.format === 'json') write(`${JSON.stringify(rows)}\n`);
    else {
      write(
        `${o.report} ${o.year}, as recorded by the end of ${o.to} (Asia/Shanghai), replayed from the log\n\n`,
      );
      write(renderReportText(o.report, rows, o.lang));
    }
    return 0;
  } finally {
    unused.close();
    await store.close();
  }
}

interface ReplayOptions {
  to: string;
  report: ReportName;
  year: number;
  program?: string;
  format: (typeof FORMATS)[number];
  lang: ReportLang;
}

function parse(args: string[]): ReplayOptions {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args,
      options: {
        to: { type: 'string' },
        report: { type: 'string' },
        year: { type: 'string' },
        program: { type: 'string' },
        format: { type: 'string', default: 'text' },
        lang: { type: 'string', default: 'en' },
      },
      strict: true,
    }).values;
  } catch (e) {
    throw new UserError(e instanceof Error ? e.message : String(e));
  }
  const { to, report, year, program, format, lang } = values;
  if (to === undefined || !isDate(to)) throw new UserError('--to: a date YYYY-MM-DD is required');
  if (!REPORTS.includes(report as ReportName)) throw new UserError(`--report: one of ${REPORTS.join(', ')}`);
  if (year !== undefined && !/^\d{4}$/.test(year)) throw new UserError('--year: a four-digit year');
  if (program !== undefined && !isProgramCode(program))
    throw new UserError(`--program: no program "${program}"`);
  if (!(FORMATS as readonly string[]).includes(format!))
    throw new UserError(`--format: one of ${FORMATS.join(', ')}`);
  if (lang !== 'en' && lang !== 'zh') throw new UserError('--lang: en or zh');
  return {
    to,
    report: report as ReportName,
    year: Number(year ?? to.slice(0, 4)),
    program,
    format: format as ReplayOptions['format'],
    lang,
  };
}

/** A real calendar date (2024-02-30 is not). */
function isDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)).toISOString().slice(0, 10) === text;
}
