import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { isMoneyString } from '@subsidy/domain/shared/money';
import type { FundingPolicy } from '@subsidy/domain/events/program-year-events';
import { IsMoney } from '../../http/validation/money.validators';
import { IsRecordOf } from '../../http/validation/common.validators';

export class FundingPlanDto {
  @ApiProperty({ example: '133500.00', description: '上级拨付 upper-level federation money planned' })
  @IsMoney()
  upper!: string;

  @ApiProperty({ example: '74500.00', description: '县级配套 county matching money planned' })
  @IsMoney()
  county!: string;
}

export class PutProgramYearDto {
  @ApiProperty({ example: 89, description: '任务数: persons the program-year is meant to reach' })
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(100_000_000)
  quota!: number;

  @ApiProperty({
    example: { residential: '12000.00', day: '4000.00', home: '2000.00' },
    description: 'annual rate per tier (per person-year), money strings',
  })
  @IsRecordOf(/^[a-z][a-z-]{0,30}$/, isMoneyString, 'must map each tier to an amount such as "2000.00"')
  rates!: Record<string, string>;

  @ApiProperty({ type: FundingPlanDto })
  @IsObject()
  @ValidateNested()
  @Type(() => FundingPlanDto)
  fundingPlan!: FundingPlanDto;

  @ApiPropertyOptional({
    enum: ['proportional', 'upper-first', 'county-first'],
    default: 'proportional',
    description: 'how each payment is split between sources',
  })
  @IsOptional()
  @IsIn(['proportional', 'upper-first', 'county-first'])
  fundingPolicy?: FundingPolicy;
}
