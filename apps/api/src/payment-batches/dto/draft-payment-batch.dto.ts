import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PROGRAM_CODES, type ProgramCode } from '@subsidy/domain/catalogue/program-code';
import { IsMoney } from '../../http/validation/money.validators';

export class DraftLineDto {
  @ApiProperty({ example: '34152219900307001X41' })
  @IsString()
  @Length(20, 20)
  certificateNumber!: string;

  @ApiProperty({ example: '2000.00' })
  @IsMoney({ positive: true })
  amount!: string;
}

/** Either explicit `lines`, or `payOutstanding: true` for everyone still owed in the program-year. */
export class DraftPaymentBatchDto {
  @ApiProperty({ enum: PROGRAM_CODES })
  @IsIn(PROGRAM_CODES)
  programCode!: ProgramCode;

  @ApiProperty({ example: 2024 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({ type: [DraftLineDto] })
  @ValidateIf((o: DraftPaymentBatchDto) => o.payOutstanding === undefined || o.lines !== undefined)
  @IsArray({ message: 'give lines, or payOutstanding: true' })
  @ArrayMinSize(1)
  @ArrayMaxSize(300_000)
  @ValidateNested({ each: true })
  @Type(() => DraftLineDto)
  lines?: DraftLineDto[];

  @ApiPropertyOptional({ example: true })
  @ValidateIf((o: DraftPaymentBatchDto) => o.lines === undefined)
  @Equals(true, { message: 'must be true (or give lines instead)' })
  payOutstanding?: true;
}
