import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PROGRAM_CODES, type ProgramCode } from '@subsidy/domain/catalogue/program-code';

export class ReportQuery {
  @ApiPropertyOptional({ example: '2024' }) @Matches(/^\d{4}$/, { message: 'must be a year such as 2024' }) year!: string;
  @ApiPropertyOptional({ enum: PROGRAM_CODES }) @IsOptional() @IsIn(PROGRAM_CODES) programCode?: ProgramCode;
  @ApiPropertyOptional({ example: '2024-12-31', description: 'as recorded by the end of that day (Asia/Shanghai)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  asOf?: string;
  @ApiPropertyOptional({ enum: ['en', 'zh'] }) @IsOptional() @IsIn(['en', 'zh']) lang?: 'en' | 'zh';
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'] }) @IsOptional() @IsIn(['json', 'csv', 'xlsx']) format?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{1,20}$/) minPosition?: string;
}
