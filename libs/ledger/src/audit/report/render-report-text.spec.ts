import type { ProgramsReportRow } from '../../reports/report-types';
import { renderReportText } from './render-report-text';

describe('renderReportText', () => {
  const rows: ProgramsReportRow[] = [
    {
      programCode: 'care-services',
      year: 2024,
      quota: 89,
      enrolled: 89,
      paidPersons: 87,
      paidAmount: '190000.00',
    },
    { programCode: 'fuel-subsidy', year: 2024, quota: 143, enrolled: 3, paidPersons: 0, paidAmount: '0.00' },
  ];

  it('prints the columns of the CSV, money and counts aligned right', () => {
    expect(renderReportText('programs', rows, 'en')).toBe(
      [
        'programCode    year  quota  enrolled  paidPersons  paidAmount',
        '-------------  ----  -----  --------  -----------  ----------',
        'care-services  2024     89        89           87   190000.00',
        'fuel-subsidy   2024    143         3            0        0.00',
        '',
      ].join('\n'),
    );
  });

  it('speaks Chinese when asked, headers and program names', () => {
    const [header, , first] = renderReportText('programs', rows, 'zh').split('\n');
    expect(header).toMatch(/^项目\s+年度\s+任务数/);
    expect(first).toMatch(/^阳光家园计划托养服务\s+2024\s+89/);
  });
});
