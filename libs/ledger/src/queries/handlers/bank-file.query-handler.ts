import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { stringify } from 'csv-stringify/sync';
import { conflict, notFound } from '@subsidy/domain/program-year/refusals';
import { maskIdNumber } from '@subsidy/domain/registry/masking';
import { D, formatMoney } from '@subsidy/domain/shared/money';
import { bankFileLines, getPaymentBatch } from '../../read-models';
import { GetBankFileQuery } from '../queries';
import { READ_MODEL_DB } from '../../infrastructure/tokens';
import { ReadYourWrites } from '../../consistency/read-your-writes';

export interface BankFile {
  filename: string;
  csv: string;
}

/**
 * The file the bank pays from (代发文件): one row per line with the line id (the bank echoes it back in its
 * return), masked ID number, name, the FULL account (the bank needs it) and amount; a closing row with the
 * count (in the idNumber column) and total. Only an approved batch has one: the bank pays what a checker
 * approved, never a draft.
 */
@QueryHandler(GetBankFileQuery)
export class GetBankFileHandler implements IQueryHandler<GetBankFileQuery, BankFile> {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    @Inject(ReadYourWrites) private readonly readYourWrites: ReadYourWrites,
  ) {}

  async execute({ batchId, options }: GetBankFileQuery): Promise<BankFile> {
    await this.readYourWrites.awaitReadable(options.minPosition);
    const batch = getPaymentBatch(this.db, batchId);
    if (!batch) throw notFound(`payment batch ${batchId} does not exist`);
    if (batch.status === 'draft') throw conflict(`payment batch ${batchId} is a draft: the bank file comes after approval`);
    const lines = bankFileLines(this.db, batchId);
    let total = new D(0);
    const rows: string[][] = [['lineId', 'idNumber', 'name', 'bankAccount', 'amount']];
    for (const l of lines) {
      total = total.plus(l.amount);
      rows.push([l.lineId, maskIdNumber(l.personId), l.name, l.bankAccount, l.amount]);
    }
    rows.push(['TOTAL', String(lines.length), '', '', formatMoney(total)]);
    return {
      filename: `bank-file-${batch.programCode}-${batch.year}-${batchId}.csv`,
      csv: stringify(rows, { record_delimiter: '\r\n' }),
    };
  }
}
