import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import type { Category, Grade } from '@subsidy/domain/registry/certificate';

export const CATEGORIES: Category[] = ['visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple'];

export class ReassessBeneficiaryDto {
  @ApiProperty({ enum: CATEGORIES })
  @IsIn(CATEGORIES)
  category!: Category;

  @ApiProperty({ minimum: 1, maximum: 4, description: '1 most severe … 4' })
  @IsInt()
  @Min(1)
  @Max(4)
  grade!: Grade;

  @ApiProperty({ example: '2024 re-assessment by the county hospital' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}
