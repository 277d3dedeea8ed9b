import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import type { FundingSource } from '@subsidy/domain/events/program-year-events';
import { IsMoney } from '../../http/validation/money.validators';
import { IsCalendarDate } from '../../http/validation/common.validators';

export class RecordAllocationDto {
  @ApiProperty({ enum: ['upper', 'county'], description: 'upper: 上级拨付; county: 县级配套' })
  @IsIn(['upper', 'county'])
  source!: FundingSource;

  @ApiProperty({ example: '133500.00' })
  @IsMoney({ positive: true })
  amount!: string;

  @ApiProperty({ example: '皖残联〔2024〕12号', description: 'document reference (文号)' })
  @IsString()
  @Length(1, 200)
  reference!: string;

  @ApiProperty({ example: '2024-03-15' })
  @IsCalendarDate()
  receivedOn!: string;
}
