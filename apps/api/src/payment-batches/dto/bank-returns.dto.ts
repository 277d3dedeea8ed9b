import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Length, ValidateIf, ValidateNested } from 'class-validator';

export class BankReturnLineDto {
  @ApiProperty({ example: '0192f3c4-…-17' })
  @IsString()
  @Length(1, 100)
  lineId!: string;

  @ApiProperty({ enum: ['paid', 'failed'] })
  @IsIn(['paid', 'failed'])
  result!: 'paid' | 'failed';

  @ApiPropertyOptional({ example: 'account closed (账户已销户)', description: 'required when failed' })
  @ValidateIf((o: BankReturnLineDto) => o.result === 'failed' || o.reason !== undefined)
  @IsString({ message: 'a failed line needs a reason' })
  @Length(1, 500)
  reason?: string;
}

export class BankReturnsDto {
  @ApiProperty({ type: [BankReturnLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(300_000)
  @ValidateNested({ each: true })
  @Type(() => BankReturnLineDto)
  lines!: BankReturnLineDto[];
}
