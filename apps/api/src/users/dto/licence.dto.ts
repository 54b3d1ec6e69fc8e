import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** A reviewer's health-care professional licence. */
export class LicenceDto {
  @ApiProperty({ example: 'Physician (MD)' })
  @IsString()
  @Length(2, 100)
  profession: string;

  @ApiProperty({ example: 'MD-123456' })
  @IsString()
  @Length(1, 50)
  number: string;

  @ApiProperty({ example: 'NY', description: 'The state or body that issued it.' })
  @IsString()
  @Length(2, 50)
  jurisdiction: string;
}
