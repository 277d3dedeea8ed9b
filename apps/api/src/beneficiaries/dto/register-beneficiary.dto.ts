import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class RegisterBeneficiaryDto {
  @ApiProperty({
    example: '34152219900307001X41',
    description: '残疾人证号: 18-character ID number + category digit (1–7) + grade digit (1–4)',
  })
  @IsString()
  @Length(20, 20, { message: 'must be 20 characters: the 18-character ID number, a category digit and a grade digit' })
  certificateNumber!: string;

  @ApiProperty({ example: '张三' })
  @IsString()
  @Length(1, 50)
  name!: string;

  @ApiProperty({ example: '梅山镇', description: 'township (乡镇)' })
  @IsString()
  @Length(1, 50)
  township!: string;

  @ApiProperty({ example: '6217001234567890123', description: 'bank card number: digits only, 12–30' })
  @IsString()
  @Matches(/^\d{12,30}$/, { message: 'must be 12–30 digits' })
  bankAccount!: string;
}
