import { money, sumMoney, formatMoney } from '@subsidy/domain/shared/money';
import {
  bankFileLines,
  batchEventRefs,
  getBeneficiary,
  getPaymentBatch,
  getPaymentLine,
  getProgramYear,
  InvalidCursorError,
  listBeneficiaries,
  listPaymentBatches,
  listPrograms,
  personEventRefs,
  resolvePersonId,
} from './index';
import { encodeCursor } from './queries/cursor';
import { CARE_RATES, careScenario, payBack, TOWNSHIPS } from './testing/care-scenario';
import { projected } from './testing/project';
import { LedgerFixture } from './testing/ledger-fixture';

const total = (values: string[]): string => formatMoney(sumMoney(values.map(money)));

describe('read models over the seed care scenario', () => {
  const s = careScenario();
  const db = projected(s.ledger.events);

  describe('GET /beneficiaries/{cert}', () => {
    it('shows a fully paid person: entitled, paid, nothing outstanding, paid split between sources', () => {
      const paid = s.care[1]; // residential, paid and confirmed by the bank
      const person = getBeneficiary(db, paid.certificateNumber)!;
      expect(person).toMatchObject({
        certificateNumber: paid.certificateNumber,
        name: paid.name,
        township: paid.township,
      });
      expect(person.entitlements).toHaveLength(1);
      const [e] = person.entitlements;
      expect(e).toMatchObject({
        programCode: 'care-services',
        year: 2024,
        tier: 'residential',
        entitled: '12000.00',
      });
      expect(e.paid).toBe('12000.00');
      expect(e.outstanding).toBe('0.00');
      expect(total([e.funding.upper, e.funding.county])).toBe('12000.00');
      expect(money(e.funding.upper).gt(money(e.funding.county))).toBe(true); // 133,500 : 74,500
    });

    it('gives a failed line back to the person: nothing paid, everything outstanding', () => {
      const [e] = getBeneficiary(db, s.failedLine.certificateNumber)!.entitlements;
      expect(e).toEqual({
        programCode: 'care-services',
        year: 2024,
        tier: 'day',
        entitled: CARE_RATES.day,
        paid: '0.00',
        outstanding: CARE_RATES.day,
        funding: { upper: '0.00', county: '0.00' },
      });
    });

    it('gives a reversed line back the same way', () => {
      const [e] = getBeneficiary(db, s.reversedLine.certificateNumber)!.entitlements;
      expect(e).toMatchObject({
        paid: '0.00',
        outstanding: '12000.00',
        funding: { upper: '0.00', county: '0.00' },
      });
    });

    it('lists every program-year the person is enrolled in', () => {
      const fuel = s.care.find((p) => p.category === 'physical')!;
      const person = getBeneficiary(db, fuel.certificateNumber)!;
      expect(person.entitlements.map((e) => [e.programCode, e.year, e.tier, e.outstanding])).toEqual([
        ['care-services', 2024, fuel.tier, '0.00'],
        ['fuel-subsidy', 2024, 'standard', '300.00'],
      ]);
    });

    it('finds a re-assessed person by the old certificate number too, showing the new one', () => {
      const { person, oldCertificateNumber } = s.reassessed;
      const byOld = getBeneficiary(db, oldCertificateNumber)!;
      expect(byOld.certificateNumber).toBe(person.certificateNumber);
      expect(byOld.grade).toBe(1);
      expect(byOld.previousCertificateNumbers).toEqual([oldCertificateNumber]);
      expect(getBeneficiary(db, person.certificateNumber)).toEqual(byOld);
      expect(resolvePersonId(db, oldCertificateNumber)).toBe(person.personId);
    });

    it('lists every earlier number oldest first, and each one finds the person', () => {
      const ledger = new LedgerFixture();
      // The fixture updates its person in place: keep each number as it was handed out.
      const { personId, certificateNumber: first } = ledger.register({
        name: '赵三',
        township: '梅山镇',
        birthDate: '1961-03-03',
        category: 'physical',
        grade: 4,
      });
      const second = ledger.reassess(personId, 'physical', 3, 'annual re-assessment').certificateNumber;
      const now = ledger.reassess(personId, 'physical', 2, 'annual re-assessment').certificateNumber;
      const own = projected(ledger.events);
      const expected = [first, second];
      for (const n of [first, second, now, now.toLowerCase()]) {
        const person = getBeneficiary(own, n)!;
        expect(person.certificateNumber).toBe(now);
        expect(person.previousCertificateNumbers).toEqual(expected);
        expect(person.entitlements).toEqual([]);
      }
    });

    it('shows the current township and bank account, and the fields derived from the number', () => {
      expect(getBeneficiary(db, s.moved.person.certificateNumber)!.township).toBe(s.moved.to);
      const p = getBeneficiary(db, s.reversedLine.certificateNumber)!;
      expect(p.bankAccount).toBe('6217000099990001');
      expect(p.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['male', 'female']).toContain(p.sex);
    });

    it('answers nothing for an unknown number', () => {
      expect(getBeneficiary(db, '34152419800101999X11')).toBeUndefined();
    });
  });

  describe('GET /beneficiaries', () => {
    const everyone = [...s.care, ...s.notEnrolled];

    it('pages through everyone exactly once, in registration order', () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = listBeneficiaries(db, { limit: 10, cursor });
        seen.push(...page.items.map((i) => i.certificateNumber));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor !== undefined);
      expect(seen).toEqual(everyone.map((p) => p.certificateNumber));
      expect(pages).toBe(Math.ceil(everyone.length / 10));
    });

    it('answers the contract item shape, with nextCursor null on the last page', () => {
      const page = listBeneficiaries(db, { limit: 1000 });
      expect(page.nextCursor).toBeNull();
      const p = s.notEnrolled[0];
      expect(page.items).toContainEqual({
        certificateNumber: p.certificateNumber,
        name: p.name,
        township: p.township,
        category: p.category,
        grade: p.grade,
      });
    });

    it('filters by township (as changed), and by program-year enrollment', () => {
      const inShahe = listBeneficiaries(db, { township: '沙河乡', limit: 1000 }).items;
      expect(inShahe.map((i) => i.certificateNumber).sort()).toEqual(
        everyone
          .filter((p) => p.township === '沙河乡')
          .map((p) => p.certificateNumber)
          .sort(),
      );
      const certsIn = (township: string) =>
        listBeneficiaries(db, { township, limit: 1000 }).items.map((i) => i.certificateNumber);
      expect(certsIn(s.moved.to)).toContain(s.moved.person.certificateNumber);
      expect(certsIn(s.moved.from)).not.toContain(s.moved.person.certificateNumber);

      const enrolled = listBeneficiaries(db, { programCode: 'care-services', year: 2024, limit: 1000 }).items;
      expect(enrolled).toHaveLength(89);
      expect(
        listBeneficiaries(db, { programCode: 'fuel-subsidy', year: 2024, limit: 1000 }).items,
      ).toHaveLength(3);
      expect(
        listBeneficiaries(db, { programCode: 'care-services', year: 2025, limit: 1000 }).items,
      ).toHaveLength(0);
      expect(
        listBeneficiaries(db, { year: 2024, township: TOWNSHIPS[0], limit: 1000 }).items.length,
      ).toBeGreaterThan(0);
    });

    it('matches q against a name substring or a certificate number prefix (old numbers too)', () => {
      expect(listBeneficiaries(db, { q: '大山', limit: 10 }).items.map((i) => i.name)).toEqual(['王大山']);
      const { person, oldCertificateNumber } = s.reassessed;
      expect(
        listBeneficiaries(db, { q: oldCertificateNumber, limit: 10 }).items.map((i) => i.certificateNumber),
      ).toEqual([person.certificateNumber]);
      const prefix = person.personId.slice(0, 14);
      const hits = listBeneficiaries(db, { q: prefix, limit: 100 }).items;
      expect(hits.length).toBeGreaterThanOrEqual(1);
      expect(hits.every((h) => h.certificateNumber.startsWith(prefix))).toBe(true);
      expect(listBeneficiaries(db, { q: '%', limit: 10 }).items).toEqual([]); // LIKE wildcards are literal
    });

    it('refuses a cursor it did not give out', () => {
      const batchCursor = encodeCursor('payment-batches', 1);
      expect(() => listBeneficiaries(db, { limit: 10, cursor: batchCursor })).toThrow(InvalidCursorError);
      expect(() => listBeneficiaries(db, { limit: 10, cursor: 'nonsense' })).toThrow(InvalidCursorError);
    });
  });

  describe('payment batches', () => {
    const batch = getPaymentBatch(db, 'b-2024-care-1')!;

    it('shows the approved batch header', () => {
      expect(batch).toMatchObject({
        batchId: 'b-2024-care-1',
        programCode: 'care-services',
        year: 2024,
        status: 'approved',
        lineCount: 89,
        total: '208000.00',
        maker: 'li',
        approver: 'zhao',
        mode: 'lines',
      });
      expect(total([batch.funding.upper, batch.funding.county])).toBe('208000.00');
      expect(batch.funding).toEqual({ upper: '133500.00', county: '74500.00' }); // paying the whole plan at once
    });

    it('shows each line with its status and a split that sums to its amount', () => {
      expect(batch.lines).toHaveLength(89);
      expect(batch.lines.map((l) => l.lineId)).toEqual(s.firstBatch.map((l) => l.lineId));
      for (const l of batch.lines) expect(total([l.funding.upper, l.funding.county])).toBe(l.amount);
      expect(total(batch.lines.map((l) => l.funding.upper))).toBe(batch.funding.upper);
      const statusOf = (lineId: string) => batch.lines.find((l) => l.lineId === lineId)!;
      expect(statusOf(s.failedLine.lineId)).toMatchObject({
        status: 'failed',
        reason: '账户已销户 account closed',
      });
      expect(statusOf(s.reversedLine.lineId).status).toBe('reversed');
      expect(batch.lines.filter((l) => l.status === 'paid')).toHaveLength(87);
      expect(Object.keys(statusOf(s.firstBatch[1].lineId)).sort()).toEqual(
        ['amount', 'certificateNumber', 'funding', 'lineId', 'status'].sort(),
      );
    });

    it('shows a draft with draft lines and no split yet, and lists batches newest first', () => {
      const draft = projected([...s.ledger.events, ...draftOnly(s)]);
      const view = getPaymentBatch(draft, 'b-draft')!;
      expect(view.status).toBe('draft');
      expect(view.approver).toBeUndefined();
      expect(view.lines.every((l) => l.status === 'draft')).toBe(true);
      expect(view.lines[0].funding).toEqual({ upper: '0.00', county: '0.00' });

      const list = listPaymentBatches(draft, { limit: 10 });
      expect(list.items.map((b) => [b.batchId, b.status])).toEqual([
        ['b-draft', 'draft'],
        ['b-2024-care-1', 'approved'],
      ]);
      expect(list.items[0]).toEqual({
        batchId: 'b-draft',
        programCode: 'care-services',
        year: 2024,
        status: 'draft',
        lineCount: 1,
        total: '4000.00',
        maker: 'li',
      });
      expect(
        listPaymentBatches(draft, { status: 'approved', limit: 10 }).items.map((b) => b.batchId),
      ).toEqual(['b-2024-care-1']);
      expect(listPaymentBatches(draft, { programCode: 'fuel-subsidy', limit: 10 }).items).toEqual([]);
      const first = listPaymentBatches(draft, { limit: 1 });
      expect(listPaymentBatches(draft, { limit: 1, cursor: first.nextCursor! }).items[0].batchId).toBe(
        'b-2024-care-1',
      );
    });

    it('finds a line by id, and gives the bank file the account snapshot approved', () => {
      expect(getPaymentLine(db, s.failedLine.lineId)).toMatchObject({
        batchId: 'b-2024-care-1',
        lineNo: s.failedLine.lineNo,
        personId: s.failedLine.personId,
        status: 'failed',
      });
      const file = bankFileLines(db, 'b-2024-care-1');
      expect(file).toHaveLength(89);
      expect(file[0].bankAccount).toBe(s.reversedLine.bankAccount); // not the account changed afterwards
    });
  });

  describe('GET /programs?year=', () => {
    it('lists the whole catalogue, with the opened program-years of that year', () => {
      const programs = listPrograms(db, 2024);
      expect(programs).toHaveLength(9);
      expect(programs.find((p) => p.programCode === 'care-services')).toMatchObject({
        tiers: ['residential', 'day', 'home'],
        year: 2024,
        quota: 89,
        rates: CARE_RATES,
        fundingPlan: { upper: '133500.00', county: '74500.00' }, // as amended
      });
      expect(programs.find((p) => p.programCode === 'student-aid-higher')).not.toHaveProperty('year');
      expect(listPrograms(db, 2025).every((p) => p.year === undefined)).toBe(true);
      expect(getProgramYear(db, 'fuel-subsidy', 2024)?.rates).toEqual({ standard: '300.00' });
    });
  });

  describe('history indexes', () => {
    it('lists every event about a person, with their lines in batch events', () => {
      const refs = personEventRefs(db, s.failedLine.personId);
      expect(refs.map((r) => r.type)).toEqual([
        'BeneficiaryRegistered',
        'BeneficiaryEnrolled',
        'PaymentBatchLinesDrafted',
        'PaymentBatchApproved',
        'BankReturnRecorded',
      ]);
      expect(
        refs.slice(2).every((r) => r.batchId === 'b-2024-care-1' && r.lineNos[0] === s.failedLine.lineNo),
      ).toBe(true);
      const positions = refs.map((r) => r.position);
      expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
      for (const r of refs) expect(s.ledger.events[Number(r.position) - 1].type).toBe(r.type);
    });

    it('finds changes, returns and reversals, each at its own position', () => {
      const refs = personEventRefs(db, s.reversedLine.personId);
      expect(refs.map((r) => r.type)).toEqual([
        'BeneficiaryRegistered',
        'BeneficiaryEnrolled',
        'PaymentBatchLinesDrafted',
        'PaymentBatchApproved',
        'BankReturnRecorded',
        'PaymentReversed',
        'BeneficiaryBankAccountChanged',
      ]);
      for (const r of refs) expect(s.ledger.events[Number(r.position) - 1].type).toBe(r.type);
      const reassessed = personEventRefs(db, s.reassessed.person.personId).map((r) => r.type);
      expect(reassessed.slice(0, 3)).toEqual([
        'BeneficiaryRegistered',
        'BeneficiaryEnrolled',
        'BeneficiaryReassessed',
      ]);
    });

    it('lists every event about a batch', () => {
      expect(batchEventRefs(db, 'b-2024-care-1').map((r) => r.type)).toEqual([
        'PaymentBatchDrafted',
        'PaymentBatchLinesDrafted',
        'PaymentBatchLinesDrafted',
        'PaymentBatchLinesDrafted',
        'PaymentBatchApproved',
        'BankReturnRecorded',
        'PaymentReversed',
      ]);
    });
  });

  it('pays the whole plan to the fen once the returned lines are paid again', () => {
    const s2 = careScenario();
    payBack(s2);
    const db2 = projected(s2.ledger.events);
    const second = getPaymentBatch(db2, 'b-2024-care-2')!;
    expect(second.lines.map((l) => l.status)).toEqual(['paid', 'paid']);
    const everyone = s2.care.map((p) => getBeneficiary(db2, p.certificateNumber)!.entitlements[0]);
    expect(everyone.every((e) => e.outstanding === '0.00')).toBe(true);
    expect(total(everyone.map((e) => e.funding.upper))).toBe('133500.00');
    expect(total(everyone.map((e) => e.funding.county))).toBe('74500.00');
  });
});

/** A second, unapproved draft for one day-care line. */
function draftOnly(s: ReturnType<typeof careScenario>) {
  const before = s.ledger.events.length;
  s.ledger.draft('b-draft', 'care-services', 2024, 'li', [
    { personId: s.failedLine.personId, amount: '4000.00' },
  ]);
  return s.ledger.events.splice(before);
}
