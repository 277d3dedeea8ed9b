/**
 * Test fixtures for the program-year deciders (used by specs only): the seed's care program, people, and a
 * small harness that runs commands the way the application layer does — decide, then evolve; drafts go
 * through their stream events (chunked and read back) before approval.
 */
import type { ProgramCode } from '../catalogue/program-code';
import { DomainError } from '../shared/domain-error';
import type { MoneyString } from '../shared/money';
import type { PaymentBatchEvent } from '../events/payment-batch-events';
import type { BankLineResult, PaymentBatchApproved, ProgramYearEvent } from '../events/program-year-events';
import { chunkDraft } from '../disbursement/chunk-draft';
import { draftFromEvents } from '../disbursement/draft-from-events';
import { approvableDraft } from '../disbursement/approvable-draft';
import {
  type DraftLineInput,
  type Payee,
  draftPaymentBatch,
  type PaymentBatchDraft,
} from '../disbursement/draft-payment-batch';
import { decide, type ProgramYearCommand } from './decide';
import type { OpenProgramYear } from './open-program-year';
import type { ApprovableBatch } from './approve-payment-batch';
import {
  evolve,
  initialProgramYearState,
  type ProgramYearEvolvable,
  type ProgramYearState,
  withLines,
} from './program-year';

export const CARE: ProgramCode = 'care-services';
export const YEAR = 2024;

/** 阳光家园 care 2024: 寄宿制 residential 12,000 · 日间照料 day 4,000 · 居家 home 2,000; 13.35万 upper + 7.45万 county. */
export const careYear = (overrides: Partial<OpenProgramYear['data']> = {}): OpenProgramYear => ({
  type: 'OpenProgramYear',
  data: {
    programCode: CARE,
    year: YEAR,
    quota: 89,
    rates: { residential: '12000.00', day: '4000.00', home: '2000.00' },
    fundingPlan: { upper: '133500.00', county: '74500.00' },
    ...overrides,
  },
});

export interface Person extends Payee {
  personId: string;
}

/** Person n: an 18-character ID-shaped number and a 20-character certificate number (mental, grade 2). */
export function person(n: number): Person {
  const personId = `34152219800101${String(n).padStart(4, '0')}`;
  return {
    personId,
    certificateNumber: `${personId}62`,
    name: `居民${n}`,
    bankAccount: `6217${String(n).padStart(15, '0')}`,
  };
}

export const eligible = { eligible: true } as const;

/** Runs commands like the application layer: decide against the current state, then evolve with the events. */
export class ProgramYearHarness {
  state: ProgramYearState;
  readonly history: ProgramYearEvent[] = [];
  readonly batchStreams = new Map<string, PaymentBatchEvent[]>();
  private readonly people = new Map<string, Person>();

  constructor(programCode: ProgramCode = CARE, year: number = YEAR) {
    this.state = initialProgramYearState(programCode, year);
  }

  run(command: ProgramYearCommand): ProgramYearEvent[] {
    const events = decide(command, this.state);
    for (const event of events) {
      this.state = evolve(this.state, this.enrich(event));
      this.history.push(event);
    }
    return events;
  }

  open(overrides: Partial<OpenProgramYear['data']> = {}): this {
    this.run(careYear({ programCode: this.state.programCode, year: this.state.year, ...overrides }));
    return this;
  }

  allocate(
    source: 'upper' | 'county',
    amount: MoneyString,
    allocationId = `alloc-${this.history.length}`,
  ): this {
    this.run({
      type: 'RecordAllocation',
      data: {
        allocationId,
        programCode: this.state.programCode,
        year: this.state.year,
        source,
        amount,
        reference: '皖残联〔2024〕1号',
        receivedOn: '2024-03-01',
      },
    });
    return this;
  }

  enroll(who: Person, tier?: string): this {
    this.people.set(who.personId, who);
    this.run({
      type: 'EnrollBeneficiary',
      data: {
        enrollmentId: `enr-${who.personId}`,
        programCode: this.state.programCode,
        year: this.state.year,
        person: { personId: who.personId, certificateNumber: who.certificateNumber },
        tier,
        eligibility: eligible,
      },
    });
    return this;
  }

  /** Drafts and writes the batch stream (chunked); returns the draft. */
  draft(
    batchId: string,
    maker: string,
    lines: 'payOutstanding' | Array<[Person, MoneyString]>,
    chunkBytes?: number,
  ): PaymentBatchDraft {
    const base = { batchId, programCode: this.state.programCode, year: this.state.year, maker };
    const draft = draftPaymentBatch(
      {
        type: 'DraftPaymentBatch',
        data:
          lines === 'payOutstanding'
            ? { ...base, mode: 'payOutstanding', payeeOf: (id) => this.people.get(id) }
            : {
                ...base,
                mode: 'lines',
                lines: lines.map(([p, amount]): DraftLineInput => ({ ...p, amount })),
              },
      },
      this.state,
    );
    this.batchStreams.set(batchId, chunkDraft(draft, { maxChunkBytes: chunkBytes }).events);
    return draft;
  }

  storedDraft(batchId: string) {
    const stored = draftFromEvents(this.batchStreams.get(batchId) ?? []);
    if (!stored) throw new Error(`no draft ${batchId}`);
    return stored;
  }

  /** The draft as approval reads it (compact lines), from its stream's events. */
  approvableDraft(batchId: string): ApprovableBatch {
    const draft = approvableDraft(this.batchStreams.get(batchId) ?? []);
    if (!draft) throw new Error(`no draft ${batchId}`);
    return draft;
  }

  approve(batchId: string, approver: string): PaymentBatchApproved {
    const [event] = this.run({
      type: 'ApprovePaymentBatch',
      data: { batch: this.approvableDraft(batchId), approver },
    });
    return event as PaymentBatchApproved;
  }

  bankReturn(
    batchId: string,
    lines: Array<{ lineNo: number; result: BankLineResult; reason?: string }>,
  ): ProgramYearEvent[] {
    return this.run({
      type: 'RecordBankReturn',
      data: { programCode: this.state.programCode, year: this.state.year, batchId, lines },
    });
  }

  reverse(batchId: string, lineNo: number, reason = '重复发放 paid twice by mistake'): ProgramYearEvent[] {
    return this.run({
      type: 'ReversePayment',
      data: { programCode: this.state.programCode, year: this.state.year, batchId, lineNo, reason },
    });
  }

  private enrich(event: ProgramYearEvent): ProgramYearEvolvable {
    return event.type === 'PaymentBatchApproved'
      ? withLines(event, this.approvableDraft(event.data.batchId).lines)
      : event;
  }
}

/** The seed's 89 care recipients: 2 residential, 5 day, 82 home. */
export function seedCareRecipients(): Array<[Person, string]> {
  return Array.from({ length: 89 }, (_, i) => [
    person(i + 1),
    i < 2 ? 'residential' : i < 7 ? 'day' : 'home',
  ]);
}

/** The DomainError a command is refused with (fails the test if it is not refused, or fails otherwise). */
export function refusalOf(act: () => unknown): DomainError {
  try {
    act();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected the command to be refused');
}
