import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class ReversalDto {
  @ApiProperty({ example: 'paid to the wrong person: duplicate registration' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}
