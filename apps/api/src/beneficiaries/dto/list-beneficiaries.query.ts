import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PROGRAM_CODES, type ProgramCode } from '@subsidy/domain/catalogue/program-code';

export class ListBeneficiariesQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 50) township?: string;
  @ApiPropertyOptional({ enum: PROGRAM_CODES }) @IsOptional() @IsIn(PROGRAM_CODES) programCode?: ProgramCode;
  @ApiPropertyOptional({ example: '2024' }) @IsOptional() @Matches(/^\d{4}$/, { message: 'must be a year such as 2024' }) year?: string;
  @ApiPropertyOptional({ description: 'name or certificate number' }) @IsOptional() @IsString() @Length(1, 50) q?: string;
  @ApiPropertyOptional({ example: '50' }) @IsOptional() @Matches(/^([1-9]\d{0,2}|1000)$/, { message: 'must be 1–1000' }) limit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{1,20}$/) minPosition?: string;
}
