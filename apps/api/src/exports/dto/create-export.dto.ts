import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { EXPORT_KINDS, type ExportKind } from '#persistence';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateExportDto {
  @ApiProperty({
    enum: EXPORT_KINDS,
    description:
      '`audit_log`: every audit event of a period (optionally one patient or one user), with the chain verified on the cover. ' +
      '`request_register`: every request received in a period, on time or late, with figures and a chart. ' +
      '`case_file`: one request, its timeline and every letter (PDF only).',
  })
  @IsIn(EXPORT_KINDS)
  kind: ExportKind;

  @ApiPropertyOptional({
    enum: ['pdf', 'csv'],
    default: 'pdf',
    description: 'CSV, with the same columns, for the audit log and the register.',
  })
  @IsOptional()
  @IsIn(['pdf', 'csv'])
  format?: 'pdf' | 'csv';

  @ApiPropertyOptional({ format: 'date', description: 'First day of the period (in the organisation’s time zone), included.' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day of the period, included.' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'audit_log: only the events about this patient.' })
  @IsOptional()
  @IsUUID('all')
  patientId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'audit_log: only what this staff user did.' })
  @IsOptional()
  @IsUUID('all')
  userId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'case_file: the request.' })
  @IsOptional()
  @IsUUID('all')
  requestId?: string;
}
