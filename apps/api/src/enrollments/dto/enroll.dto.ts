import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PROGRAM_CODES, type ProgramCode } from '@subsidy/domain/catalogue/program-code';

export class EnrollDto {
  @ApiProperty({ example: '34152219900307001X41' })
  @IsString()
  @Length(20, 20)
  certificateNumber!: string;

  @ApiProperty({ enum: PROGRAM_CODES })
  @IsIn(PROGRAM_CODES)
  programCode!: ProgramCode;

  @ApiProperty({ example: 2024 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({ example: 'home', description: 'care-services: residential, day or home; others: standard' })
  @IsOptional()
  @Matches(/^[a-z][a-z-]{0,30}$/, { message: 'must be a tier of the program, such as "home" or "standard"' })
  tier?: string;
}
