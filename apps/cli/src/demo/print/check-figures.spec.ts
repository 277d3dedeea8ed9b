import type { FundingReportRow, ProgramsReportRow } from '@subsidy/ledger/reports/report-types';
import { entitlementTotal, personsPaid, planOf } from '../figures/program-years-2024';
import { figureMismatches } from './check-figures';

describe('figureMismatches', () => {
  const care = planOf('care-services');
  const programs: ProgramsReportRow[] = [
    {
      programCode: 'care-services',
      year: 2024,
      quota: 89,
      enrolled: 89,
      paidPersons: 89,
      paidAmount: '208000.00',
    },
  ];
  const split = (upper: string, county: string, total: string) => ({ upper, county, total });
  const funding: FundingReportRow[] = [
    {
      programCode: 'care-services',
      year: 2024,
      allocated: split('133500.00', '74500.00', '208000.00'),
      disbursed: split('133500.00', '74500.00', '208000.00'),
      available: split('0.00', '0.00', '0.00'),
    },
  ];

  it('finds nothing when the ledger says what the county report says', () => {
    expect(personsPaid(care)).toBe(89);
    expect(entitlementTotal(care)).toBe('208000.00');
    expect(figureMismatches([care], programs, funding)).toEqual([]);
  });

  it('names each figure that differs: a reversed person not re-paid, money left over', () => {
    const short = [{ ...programs[0]!, paidPersons: 88, paidAmount: '206000.00' }];
    const left = [{ ...funding[0]!, available: split('1250.00', '750.00', '2000.00') }];
    expect(figureMismatches([care], short, left)).toEqual([
      'care-services paid persons is 88, the report says 89',
      'care-services paid amount is 206000.00, the report says 208000.00',
      'care-services available.upper is 1250.00, the report says 0.00',
      'care-services available.county is 750.00, the report says 0.00',
    ]);
  });

  it('notices a program missing from a report', () => {
    expect(figureMismatches([care], [], funding)).toEqual([
      'care-services is missing from the programs report',
    ]);
  });
});
