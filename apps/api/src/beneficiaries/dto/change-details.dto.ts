import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class ChangeBankAccountDto {
  @ApiProperty({ example: '6217001234567890123' })
  @IsString()
  @Matches(/^\d{12,30}$/, { message: 'must be 12–30 digits' })
  bankAccount!: string;

  @ApiProperty({ example: 'card reported lost; new card issued' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class ChangeTownshipDto {
  @ApiProperty({ example: '青山镇' })
  @IsString()
  @Length(1, 50)
  township!: string;

  @ApiProperty({ example: 'moved house' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}
