import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { deterministicUuid, uuidv7, type ExpectedRevision } from '@subsidy/event-store';
import {
  chunkDraft,
  draftPaymentBatch,
  type DraftLineInput,
  type DraftPaymentBatch,
  type DraftWarning,
} from '@subsidy/domain/disbursement';
import { paymentBatchStream } from '@subsidy/domain/events/streams';
import { ruleBroken } from '@subsidy/domain/program-year/refusals';
import { DraftPaymentBatchCommand } from '../commands/disbursement.commands';
import { ProgramYearRepository } from '../../repositories/program-year.repository';
import { EventWriter } from '../../infrastructure/event-writer';
import { READ_MODEL_DB } from '../../infrastructure/tokens';
import { ReadYourWrites } from '../../consistency/read-your-writes';
import { Payees } from '../payees';

export interface DraftedBatch {
  batchId: string;
  status: 'draft';
  total: string;
  lines: Array<{ lineId: string; certificateNumber: string; amount: string }>;
  warnings: DraftWarning[];
}

/**
 * Draws up a batch in its own stream: header and line chunks, each append under EventStoreDB's 1 MiB, the
 * first with `no_stream` so one batch id is one draft. Reserves nothing; approval decides.
 */
@CommandHandler(DraftPaymentBatchCommand)
export class DraftPaymentBatchHandler implements ICommandHandler<DraftPaymentBatchCommand, DraftedBatch> {
  private readonly payees: Payees;

  constructor(
    @Inject(ProgramYearRepository) private readonly programYears: ProgramYearRepository,
    @Inject(EventWriter) private readonly writer: EventWriter,
    @Inject(ReadYourWrites) private readonly readYourWrites: ReadYourWrites,
    @Inject(READ_MODEL_DB) db: Database.Database,
  ) {
    this.payees = new Payees(db);
  }

  async execute({ context, input }: DraftPaymentBatchCommand): Promise<DraftedBatch> {
    const { programCode, year } = input;
    await this.readYourWrites.awaitReadable();
    const batchId = context.idempotencyKey
      ? deterministicUuid('payment-batch', context.idempotencyKey)
      : uuidv7();
    const base = { batchId, programCode, year, maker: context.actor };
    const data: DraftPaymentBatch['data'] = input.lines
      ? { ...base, mode: 'lines', lines: this.resolveLines(input.lines) }
      : { ...base, mode: 'payOutstanding', payeeOf: this.payees.payeeOf };
    const state = await this.programYears.load(programCode, year);
    const draft = draftPaymentBatch({ type: 'DraftPaymentBatch', data }, state);

    let expected: ExpectedRevision = 'no_stream';
    const { appends } = chunkDraft(draft);
    for (const [part, events] of appends.entries()) {
      const result = await this.writer.append(paymentBatchStream(batchId), events, expected, context, part);
      expected = result.nextExpectedRevision;
    }
    return {
      batchId,
      status: 'draft',
      total: draft.total,
      lines: draft.lines.map((l) => ({
        lineId: l.lineId,
        certificateNumber: l.certificateNumber,
        amount: l.amount,
      })),
      warnings: draft.warnings,
    };
  }

  private resolveLines(
    lines: ReadonlyArray<{ certificateNumber: string; amount: string }>,
  ): DraftLineInput[] {
    const unknown: Array<{ field: string; message: string }> = [];
    const resolved = lines.map((line, i) => {
      const personId = this.payees.personIdOf(line.certificateNumber);
      const payee = personId === undefined ? undefined : this.payees.payeeOf(personId);
      if (personId === undefined || payee === undefined) {
        unknown.push({
          field: `lines[${i}].certificateNumber`,
          message: `${line.certificateNumber} is not registered`,
        });
        return undefined;
      }
      return { personId, ...payee, certificateNumber: line.certificateNumber, amount: line.amount };
    });
    if (unknown.length > 0) throw ruleBroken('some lines name people who are not registered', unknown);
    return resolved as DraftLineInput[];
  }
}
