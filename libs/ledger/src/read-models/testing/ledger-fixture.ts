/**
 * Test support: records events exactly as the deciders would shape them (no rules are checked here), with
 * log positions and metadata, so projections can be fed hand-built histories.
 */
import type Decimal from 'decimal.js';
import { allocateFunds } from '@subsidy/domain/disbursement/allocate-funds';
import type { PaymentBatchLine } from '@subsidy/domain/events/payment-batch-events';
import { linesChunk } from '@subsidy/domain/disbursement/chunk-lines';
import type { FundingPolicy, FundingSource } from '@subsidy/domain/events/program-year-events';
import type { ProgramCode } from '@subsidy/domain/catalogue/program-code';
import type { Category, Grade } from '@subsidy/domain/registry/certificate';
import { formatMoney, money, sumMoney, ZERO, type MoneyString } from '@subsidy/domain/shared/money';
import type { JsonObject, JsonValue } from '@subsidy/event-store/port/json';
import type { RecordedEvent } from '@subsidy/event-store/port/event-store.port';

const CATEGORY_DIGIT: Record<Category, number> = {
  visual: 1,
  hearing: 2,
  speech: 3,
  physical: 4,
  intellectual: 5,
  mental: 6,
  multiple: 7,
};

/** A GB 11643 ID number: area 341524 (Jinzhai), birth date, 3-digit sequence, check character. */
export function idNumber(birthDate: string, sequence: number): string {
  const body = `341524${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

export function certificateNumber(personId: string, category: Category, grade: Grade): string {
  return `${personId}${CATEGORY_DIGIT[category]}${grade}`;
}

export interface Person {
  personId: string;
  certificateNumber: string;
  name: string;
  township: string;
  category: Category;
  grade: Grade;
}

interface ProgramYearState {
  plan: { upper: Decimal; county: Decimal };
  policy: FundingPolicy;
  rates: Record<string, MoneyString>;
  net: { upper: Decimal; county: Decimal };
}

interface Batch {
  programCode: ProgramCode;
  year: number;
  maker: string;
  lines: PaymentBatchLine[];
  splits: Array<{ upper: Decimal; county: Decimal }>;
}

export interface LedgerFixtureOptions {
  /**
   * How draft chunks are written: 2 (columns) as drafting writes them now, or 1 (one object per line) as logs
   * recorded before hold them — both must replay to the same read models.
   */
  chunkSchemaVersion?: 1 | 2;
}

export class LedgerFixture {
  readonly events: RecordedEvent[] = [];
  private readonly chunkSchemaVersion: 1 | 2;
  private readonly revisions = new Map<string, bigint>();
  private readonly persons = new Map<string, Person>();
  private readonly programYears = new Map<string, ProgramYearState>();
  private readonly batches = new Map<string, Batch>();
  private clock = Date.parse('2024-03-01T01:00:00Z');
  private ids = 0;

  constructor(options: LedgerFixtureOptions = {}) {
    this.chunkSchemaVersion = options.chunkSchemaVersion ?? 2;
  }

  record(
    streamId: string,
    type: string,
    data: unknown,
    actor: string,
    reason?: string,
    schemaVersion = 1,
  ): RecordedEvent {
    const revision = (this.revisions.get(streamId) ?? -1n) + 1n;
    this.revisions.set(streamId, revision);
    const recordedAt = new Date((this.clock += 60_000));
    const metadata: JsonObject = {
      schemaVersion,
      actor,
      correlationId: `c-${this.events.length + 1}`,
      causationId: `c-${this.events.length + 1}`,
      recordedAt: recordedAt.toISOString(),
    };
    if (reason !== undefined) metadata.reason = reason;
    const event: RecordedEvent = {
      id: `e-${this.events.length + 1}`,
      type,
      streamId,
      revision,
      position: BigInt(this.events.length + 1),
      recordedAt,
      data: data as JsonValue,
      metadata,
    };
    this.events.push(event);
    return event;
  }

  openProgramYear(
    programCode: ProgramCode,
    year: number,
    config: {
      quota: number;
      rates: Record<string, MoneyString>;
      plan: { upper: MoneyString; county: MoneyString };
    },
    policy: FundingPolicy = 'proportional',
    type: 'ProgramYearOpened' | 'ProgramYearAmended' = 'ProgramYearOpened',
  ): void {
    const key = `${programCode}-${year}`;
    const state = this.programYears.get(key);
    this.programYears.set(key, {
      plan: { upper: money(config.plan.upper), county: money(config.plan.county) },
      policy,
      rates: config.rates,
      net: state?.net ?? { upper: ZERO, county: ZERO },
    });
    this.record(
      `program-year-${key}`,
      type,
      {
        programCode,
        year,
        quota: config.quota,
        rates: config.rates,
        fundingPlan: config.plan,
        fundingPolicy: policy,
      },
      'zhou',
    );
  }

  allocate(
    programCode: ProgramCode,
    year: number,
    source: FundingSource,
    amount: MoneyString,
    reference: string,
  ): void {
    const allocationId = `alloc-${++this.ids}`;
    this.record(
      `program-year-${programCode}-${year}`,
      'AllocationRecorded',
      { allocationId, programCode, year, source, amount, reference, receivedOn: '2024-03-15' },
      'zhou',
    );
  }

  register(p: {
    name: string;
    township: string;
    birthDate: string;
    category: Category;
    grade: Grade;
  }): Person {
    const personId = idNumber(p.birthDate, this.persons.size * 2 + 11);
    const person: Person = {
      personId,
      certificateNumber: certificateNumber(personId, p.category, p.grade),
      name: p.name,
      township: p.township,
      category: p.category,
      grade: p.grade,
    };
    this.persons.set(personId, person);
    const sex = Number(personId[16]) % 2 === 1 ? 'male' : 'female';
    this.record(
      `beneficiary-${personId}`,
      'BeneficiaryRegistered',
      { ...person, bankAccount: `62170000${personId.slice(6, 17)}`, birthDate: p.birthDate, sex },
      'li',
    );
    return person;
  }

  reassess(personId: string, category: Category, grade: Grade, reason: string): Person {
    const person = this.persons.get(personId)!;
    const previousCertificateNumber = person.certificateNumber;
    Object.assign(person, {
      category,
      grade,
      certificateNumber: certificateNumber(personId, category, grade),
    });
    this.record(
      `beneficiary-${personId}`,
      'BeneficiaryReassessed',
      { personId, previousCertificateNumber, certificateNumber: person.certificateNumber, category, grade },
      'li',
      reason,
    );
    return person;
  }

  changeTownship(personId: string, township: string): void {
    this.persons.get(personId)!.township = township;
    this.record(
      `beneficiary-${personId}`,
      'BeneficiaryTownshipChanged',
      { personId, township },
      'li',
      'moved',
    );
  }

  changeBankAccount(personId: string, bankAccount: string): void {
    this.record(
      `beneficiary-${personId}`,
      'BeneficiaryBankAccountChanged',
      { personId, bankAccount },
      'li',
      'new card',
    );
  }

  enroll(personId: string, programCode: ProgramCode, year: number, tier: string): MoneyString {
    const py = this.programYears.get(`${programCode}-${year}`)!;
    const entitled = py.rates[tier];
    this.record(
      `program-year-${programCode}-${year}`,
      'BeneficiaryEnrolled',
      {
        enrollmentId: `enr-${++this.ids}`,
        programCode,
        year,
        personId,
        certificateNumber: this.persons.get(personId)!.certificateNumber,
        tier,
        entitled,
      },
      'li',
    );
    return entitled;
  }

  /** A draft written as a header and chunks (numbered from 1) of `chunkSize` lines, in the fixture's chunk version. */
  draft(
    batchId: string,
    programCode: ProgramCode,
    year: number,
    maker: string,
    lines: ReadonlyArray<{ personId: string; amount: MoneyString }>,
    chunkSize = 500,
  ): PaymentBatchLine[] {
    const drafted: PaymentBatchLine[] = lines.map((l, i) => {
      const p = this.persons.get(l.personId)!;
      return {
        lineId: `${batchId}-${i + 1}`,
        lineNo: i + 1,
        personId: p.personId,
        certificateNumber: p.certificateNumber,
        name: p.name,
        bankAccount: `62170000${p.personId.slice(6, 17)}`,
        amount: l.amount,
      };
    });
    const chunkCount = Math.ceil(drafted.length / chunkSize);
    const stream = `payment-batch-${batchId}`;
    const total = formatMoney(sumMoney(drafted.map((l) => money(l.amount))));
    this.record(
      stream,
      'PaymentBatchDrafted',
      {
        batchId,
        programCode,
        year,
        maker,
        mode: 'lines',
        lineCount: drafted.length,
        total,
        chunkCount,
        warnings: [],
      },
      maker,
    );
    for (let c = 0; c < chunkCount; c++) {
      const lines = drafted.slice(c * chunkSize, (c + 1) * chunkSize);
      const data =
        this.chunkSchemaVersion === 1 ? { batchId, chunk: c + 1, lines } : linesChunk(batchId, c + 1, lines);
      this.record(stream, 'PaymentBatchLinesDrafted', data, maker, undefined, this.chunkSchemaVersion);
    }
    this.batches.set(batchId, { programCode, year, maker, lines: drafted, splits: [] });
    return drafted;
  }

  /** The approval event as the decider writes it; returns each line's split. */
  approve(batchId: string, approver: string): Array<{ upper: Decimal; county: Decimal }> {
    const batch = this.batches.get(batchId)!;
    const py = this.programYears.get(`${batch.programCode}-${batch.year}`)!;
    const amounts = batch.lines.map((l) => money(l.amount));
    const splits = allocateFunds({ policy: py.policy, plan: py.plan, disbursedBefore: py.net, amounts });
    batch.splits = splits;
    const upper = sumMoney(splits.map((s) => s.upper));
    const county = sumMoney(splits.map((s) => s.county));
    this.record(
      `program-year-${batch.programCode}-${batch.year}`,
      'PaymentBatchApproved',
      {
        batchId,
        programCode: batch.programCode,
        year: batch.year,
        maker: batch.maker,
        approver,
        lineCount: batch.lines.length,
        total: formatMoney(sumMoney(amounts)),
        funding: { upper: formatMoney(upper), county: formatMoney(county) },
        policy: py.policy,
        plan: { upper: formatMoney(py.plan.upper), county: formatMoney(py.plan.county) },
        disbursedBefore: { upper: formatMoney(py.net.upper), county: formatMoney(py.net.county) },
        linesDigest: 'sha256-of-lines',
      },
      approver,
    );
    py.net = { upper: py.net.upper.plus(upper), county: py.net.county.plus(county) };
    return splits;
  }

  bankReturn(batchId: string, paid: number[], failed: Array<{ lineNo: number; reason: string }>): void {
    const batch = this.batches.get(batchId)!;
    const py = this.programYears.get(`${batch.programCode}-${batch.year}`)!;
    const failedLines = failed.map((f) => {
      const split = batch.splits[f.lineNo - 1];
      py.net = { upper: py.net.upper.minus(split.upper), county: py.net.county.minus(split.county) };
      const line = batch.lines[f.lineNo - 1];
      return {
        lineNo: f.lineNo,
        personId: line.personId,
        amount: line.amount,
        funding: { upper: formatMoney(split.upper), county: formatMoney(split.county) },
        reason: f.reason,
      };
    });
    this.record(
      `program-year-${batch.programCode}-${batch.year}`,
      'BankReturnRecorded',
      { batchId, programCode: batch.programCode, year: batch.year, paid, failed: failedLines },
      'li',
    );
  }

  reverse(batchId: string, lineNo: number, reason: string): void {
    const batch = this.batches.get(batchId)!;
    const py = this.programYears.get(`${batch.programCode}-${batch.year}`)!;
    const split = batch.splits[lineNo - 1];
    py.net = { upper: py.net.upper.minus(split.upper), county: py.net.county.minus(split.county) };
    const line = batch.lines[lineNo - 1];
    this.record(
      `program-year-${batch.programCode}-${batch.year}`,
      'PaymentReversed',
      {
        batchId,
        programCode: batch.programCode,
        year: batch.year,
        lineId: line.lineId,
        lineNo,
        personId: line.personId,
        amount: line.amount,
        funding: { upper: formatMoney(split.upper), county: formatMoney(split.county) },
        reason,
      },
      'zhao',
      reason,
    );
  }

  /** Net disbursed per source so far, as the fixture tracked it (independently of the projections). */
  netDisbursed(programCode: ProgramCode, year: number): { upper: MoneyString; county: MoneyString } {
    const net = this.programYears.get(`${programCode}-${year}`)!.net;
    return { upper: formatMoney(net.upper), county: formatMoney(net.county) };
  }
}
