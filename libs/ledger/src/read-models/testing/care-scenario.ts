/**
 * The seed's care program (阳光家园计划托养服务), 2024: 2 residential × 12,000, 5 day × 4,000, 82 home × 2,000,
 * planned 133,500 upper-level (上级拨付) and 74,500 county (县级配套). One batch pays everyone; the bank fails
 * one line; one paid line is reversed. Also: a fuel-subsidy year, a re-assessment, a township change, and
 * people registered but never enrolled.
 */
import type { PaymentBatchLine } from '@subsidy/domain/events/payment-batch-events';
import { LedgerFixture, type Person } from './ledger-fixture';

export const TOWNSHIPS = ['梅山镇', '青山镇', '油坊店乡', '沙河乡', '南溪镇'] as const;
export const CARE_PLAN = { upper: '133500.00', county: '74500.00' } as const;
export const CARE_RATES = { residential: '12000.00', day: '4000.00', home: '2000.00' } as const;

export interface CareScenario {
  ledger: LedgerFixture;
  care: Array<Person & { tier: 'residential' | 'day' | 'home' }>;
  notEnrolled: Person[];
  firstBatch: PaymentBatchLine[];
  failedLine: PaymentBatchLine;
  reversedLine: PaymentBatchLine;
  reassessed: { person: Person; oldCertificateNumber: string };
  moved: { person: Person; from: string; to: string };
}

export function careScenario(ledger = new LedgerFixture()): CareScenario {
  ledger.openProgramYear('care-services', 2024, {
    quota: 89,
    rates: CARE_RATES,
    plan: { upper: '120000.00', county: '88000.00' },
  });
  // The plan as first drafted was amended to the figures the county actually received.
  ledger.openProgramYear(
    'care-services',
    2024,
    { quota: 89, rates: CARE_RATES, plan: CARE_PLAN },
    'proportional',
    'ProgramYearAmended',
  );
  ledger.allocate('care-services', 2024, 'upper', '100000.00', '皖残联〔2024〕12号');
  ledger.allocate('care-services', 2024, 'county', '74500.00', '金财〔2024〕30号');
  ledger.allocate('care-services', 2024, 'upper', '33500.00', '皖残联〔2024〕41号');

  const tiers = [
    ...Array<'residential'>(2).fill('residential'),
    ...Array<'day'>(5).fill('day'),
    ...Array<'home'>(82).fill('home'),
  ];
  const care = tiers.map((tier, i) => {
    const person = ledger.register({
      name: `张${String(i + 1).padStart(2, '0')}`,
      township: TOWNSHIPS[i % TOWNSHIPS.length],
      birthDate: `19${70 + (i % 25)}-0${1 + (i % 9)}-1${i % 10}`,
      category: i % 3 === 0 ? 'intellectual' : i % 3 === 1 ? 'mental' : 'physical',
      grade: i % 3 === 2 ? 1 : 2,
    });
    return { ...person, tier };
  });
  const notEnrolled = [
    ledger.register({
      name: '王大山',
      township: '梅山镇',
      birthDate: '1950-05-05',
      category: 'hearing',
      grade: 3,
    }),
    ledger.register({
      name: '李小溪',
      township: '南溪镇',
      birthDate: '2012-08-08',
      category: 'speech',
      grade: 4,
    }),
  ];
  for (const p of care) ledger.enroll(p.personId, 'care-services', 2024, p.tier);

  ledger.openProgramYear('fuel-subsidy', 2024, {
    quota: 143,
    rates: { standard: '300.00' },
    plan: { upper: '0.00', county: '42900.00' },
  });
  const physical = care.filter((p) => p.category === 'physical').slice(0, 3);
  for (const p of physical) ledger.enroll(p.personId, 'fuel-subsidy', 2024, 'standard');

  const reassessedPerson = care[3]; // intellectual grade 2 → grade 1 (换证)
  const oldCertificateNumber = reassessedPerson.certificateNumber;
  const person = ledger.reassess(reassessedPerson.personId, 'intellectual', 1, 'annual re-assessment');
  Object.assign(reassessedPerson, person);

  const firstBatch = ledger.draft(
    'b-2024-care-1',
    'care-services',
    2024,
    'li',
    care.map((p) => ({ personId: p.personId, amount: CARE_RATES[p.tier] })),
    40,
  );
  ledger.approve('b-2024-care-1', 'zhao');
  const failedLineNo = 5; // a day-care line (a mental-category person, in no other program)
  ledger.bankReturn(
    'b-2024-care-1',
    firstBatch.map((l) => l.lineNo).filter((n) => n !== failedLineNo),
    [{ lineNo: failedLineNo, reason: '账户已销户 account closed' }],
  );
  const reversedLine = firstBatch[0]; // a residential line, paid to the wrong card
  ledger.reverse('b-2024-care-1', reversedLine.lineNo, 'paid to a card the person no longer holds');

  const mover = care[10];
  const from = mover.township;
  const to = from === '沙河乡' ? '青山镇' : '沙河乡';
  ledger.changeTownship(mover.personId, to);
  mover.township = to;
  ledger.changeBankAccount(reversedLine.personId, '6217000099990001');

  return {
    ledger,
    care,
    notEnrolled,
    firstBatch,
    failedLine: firstBatch[failedLineNo - 1],
    reversedLine,
    reassessed: { person: reassessedPerson, oldCertificateNumber },
    moved: { person: mover, from, to },
  };
}

/** Pays the two lines given back (failed, reversed) in a second batch, so the whole plan is paid. */
export function payBack(s: CareScenario): PaymentBatchLine[] {
  const lines = [s.failedLine, s.reversedLine].map((l) => ({ personId: l.personId, amount: l.amount }));
  const drafted = s.ledger.draft('b-2024-care-2', 'care-services', 2024, 'li', lines);
  s.ledger.approve('b-2024-care-2', 'zhao');
  s.ledger.bankReturn(
    'b-2024-care-2',
    drafted.map((l) => l.lineNo),
    [],
  );
  return drafted;
}
