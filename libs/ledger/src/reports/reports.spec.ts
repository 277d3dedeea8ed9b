import { formatMoney, money, sumMoney } from '@subsidy/domain/shared/money';
import { careScenario, CARE_PLAN, payBack, TOWNSHIPS } from '../read-models/testing/care-scenario';
import { projected } from '../read-models/testing/project';
import { buildReport } from './build-report';

const minus = (a: string, b: string) => formatMoney(money(a).minus(money(b)));
const total = (values: string[]) => formatMoney(sumMoney(values.map(money)));

describe('reports over the seed care scenario', () => {
  const s = careScenario();
  const db = projected(s.ledger.events);
  const givenBack = [s.failedLine, s.reversedLine];

  describe('funding (上级拨付 / 县级配套 / 已支出 / 结余)', () => {
    it('shows allocated, net disbursed and available per source, per opened program-year in catalogue order', () => {
      const rows = buildReport(db, 'funding', { year: 2024 });
      expect(rows.map((r) => r.programCode)).toEqual(['fuel-subsidy', 'care-services']);
      const care = rows[1];
      const disbursed = s.ledger.netDisbursed('care-services', 2024); // tracked by the test, independently
      expect(care).toEqual({
        programCode: 'care-services',
        year: 2024,
        allocated: { ...CARE_PLAN, total: '208000.00' },
        disbursed: { ...disbursed, total: total([disbursed.upper, disbursed.county]) },
        available: {
          upper: minus(CARE_PLAN.upper, disbursed.upper),
          county: minus(CARE_PLAN.county, disbursed.county),
          total: minus('208000.00', total([disbursed.upper, disbursed.county])),
        },
      });
      expect(care.disbursed.total).toBe(minus('208000.00', total(givenBack.map((l) => l.amount))));
      expect(rows[0].allocated).toEqual({ upper: '0.00', county: '0.00', total: '0.00' });
    });

    it('filters by program, and ends at exactly the plan per source once everyone is paid', () => {
      const s2 = careScenario();
      payBack(s2);
      const rows = buildReport(projected(s2.ledger.events), 'funding', {
        year: 2024,
        programCode: 'care-services',
      });
      expect(rows).toHaveLength(1);
      expect(rows[0].disbursed).toEqual({ upper: '133500.00', county: '74500.00', total: '208000.00' });
      expect(rows[0].available).toEqual({ upper: '0.00', county: '0.00', total: '0.00' });
    });

    it('lists nothing for a year with no program opened', () => {
      expect(buildReport(db, 'funding', { year: 2025 })).toEqual([]);
    });
  });

  describe('programs (任务数 / 实际完成)', () => {
    it('counts enrolled persons, and paid persons and amount from approved and paid lines only', () => {
      const rows = buildReport(db, 'programs', { year: 2024 });
      expect(rows).toEqual([
        {
          programCode: 'fuel-subsidy',
          year: 2024,
          quota: 143,
          enrolled: 3,
          paidPersons: 0,
          paidAmount: '0.00',
        },
        {
          programCode: 'care-services',
          year: 2024,
          quota: 89,
          enrolled: s.care.length,
          paidPersons: s.care.length - givenBack.length,
          paidAmount: minus('208000.00', total(givenBack.map((l) => l.amount))),
        },
      ]);
    });
  });

  describe('townships (乡镇)', () => {
    it('counts registered, enrolled and paid persons by current township, in pinyin order', () => {
      const rows = buildReport(db, 'townships', { year: 2024 });
      expect(rows.map((r) => r.township)).toEqual(['梅山镇', '南溪镇', '青山镇', '沙河乡', '油坊店乡']);
      const everyone = [...s.care, ...s.notEnrolled];
      const unpaid = new Set(givenBack.map((l) => l.personId));
      for (const township of TOWNSHIPS) {
        const here = s.care.filter((p) => p.township === township);
        const paid = here.filter((p) => !unpaid.has(p.personId));
        expect(rows.find((r) => r.township === township)).toEqual({
          township,
          year: 2024,
          persons: everyone.filter((p) => p.township === township).length,
          enrolled: here.length,
          paidPersons: paid.length,
          paidAmount: total([
            '0.00',
            ...paid.map((p) => s.firstBatch.find((l) => l.personId === p.personId)!.amount),
          ]),
        });
      }
    });

    it('adds up to the programs report, and narrows to one program', () => {
      const rows = buildReport(db, 'townships', { year: 2024 });
      const [, care] = buildReport(db, 'programs', { year: 2024 });
      expect(total(rows.map((r) => r.paidAmount))).toBe(care.paidAmount);
      expect(rows.reduce((n, r) => n + r.paidPersons, 0)).toBe(care.paidPersons);
      const fuel = buildReport(db, 'townships', { year: 2024, programCode: 'fuel-subsidy' });
      expect(fuel.reduce((n, r) => n + r.enrolled, 0)).toBe(3);
      expect(fuel.reduce((n, r) => n + r.persons, 0)).toBe(s.care.length + s.notEnrolled.length);
      expect(
        buildReport(db, 'townships', { year: 2025 }).every(
          (r) => r.enrolled === 0 && r.paidAmount === '0.00',
        ),
      ).toBe(true);
    });
  });
});
