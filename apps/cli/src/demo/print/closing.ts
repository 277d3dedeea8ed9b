/** How long it took, and how to go on from here (start the API on the data, add a user). */
import type { PhaseTiming } from '../run/phase-timer';
import { groupThousands, renderBilingualTable } from './bilingual-table';

export function timings(phases: readonly PhaseTiming[], totalMs: number): string {
  return renderBilingualTable(
    [
      { zh: '阶段', en: 'phase', align: 'left' },
      { zh: '命令数', en: 'commands', align: 'right' },
      { zh: '秒', en: 'seconds', align: 'right' },
      { zh: '每秒', en: 'per second', align: 'right' },
    ],
    phases.map((p) => [p.phase, groupThousands(String(p.commands)), (p.ms / 1000).toFixed(1), perSecond(p)]),
    [
      [
        '合计 total (incl. start-up)',
        groupThousands(String(phases.reduce((n, p) => n + p.commands, 0))),
        (totalMs / 1000).toFixed(1),
        '',
      ],
    ],
  );
}

function perSecond({ commands, ms }: PhaseTiming): string {
  return commands > 0 && ms > 0 ? groupThousands(String(Math.round((commands * 1000) / ms))) : '';
}

export function nextSteps(dataDir: string): string {
  const dir = shellQuote(dataDir);
  return [
    `Data directory 数据目录: ${dataDir}`,
    'Start the API on it 启动服务:',
    `  LEDGER_DATA_DIR=${dir} npm start`,
    'Add a user 添加用户 (prints a token once; roles: clerk, approver, finance-admin, auditor):',
    `  LEDGER_DATA_DIR=${dir} npm run cli -- user add sun --role auditor`,
    'Then, for example, the programs report as it stood at the end of June:',
    `  curl -H "Authorization: Bearer TOKEN" 'http://127.0.0.1:3000/api/v1/reports/programs?year=2024&asOf=2024-06-30'`,
  ].join('\n');
}

function shellQuote(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
