import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';

const DATE_MESSAGE = (field: string) => ({ message: `${field} must be a date (YYYY-MM-DD)` });

export class AccountingQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'The request date the accounting is computed for; default today.' })
  @IsOptional()
  @IsISO8601({ strict: true }, DATE_MESSAGE('asOf'))
  @Length(10, 10, DATE_MESSAGE('asOf'))
  asOf?: string;
}

export class CreateSuspensionDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The patient; absent: the statement covers every patient.' })
  @IsOptional()
  @IsUUID('all')
  patientId?: string;

  @ApiProperty({ description: 'The health oversight agency or law-enforcement official, as disclosures name it.' })
  @IsString()
  @Length(1, 300)
  agency: string;

  @ApiProperty({ enum: ['written', 'oral'], description: 'An oral statement suspends for at most 30 days (164.528(a)(2)(ii)).' })
  @IsIn(['written', 'oral'])
  statement: 'written' | 'oral';

  @ApiProperty({ format: 'date', description: 'The date of the statement (for an oral one, when it was documented).' })
  @IsISO8601({ strict: true }, DATE_MESSAGE('startsAt'))
  @Length(10, 10, DATE_MESSAGE('startsAt'))
  startsAt: string;

  @ApiProperty({ format: 'date', description: 'The last day of the suspension the agency asked for.' })
  @IsISO8601({ strict: true }, DATE_MESSAGE('endsAt'))
  @Length(10, 10, DATE_MESSAGE('endsAt'))
  endsAt: string;

  @ApiProperty({ description: 'The agency’s reason, as documented (164.528(a)(2)(ii)(A)).' })
  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class WrittenStatementDto {
  @ApiProperty({ format: 'date', description: 'When the written statement arrived.' })
  @IsISO8601({ strict: true }, DATE_MESSAGE('receivedOn'))
  @Length(10, 10, DATE_MESSAGE('receivedOn'))
  receivedOn: string;

  @ApiPropertyOptional({ format: 'date', description: 'The end the written statement gives, if it changes it.' })
  @IsOptional()
  @IsISO8601({ strict: true }, DATE_MESSAGE('endsAt'))
  @Length(10, 10, DATE_MESSAGE('endsAt'))
  endsAt?: string;
}

export class SuspensionQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only those concerning this patient (their own and the general ones).' })
  @IsOptional()
  @IsUUID('all')
  patientId?: string;
}
