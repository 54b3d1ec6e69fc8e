import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsISO8601, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { REQUEST_TYPES } from '#domain';
import { PageQueryDto } from '../../common/page-query.dto.js';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListRequestsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REQUEST_TYPES }) @IsOptional() @IsIn(REQUEST_TYPES) type?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[a-z_]{1,50}$/) status?: string;
  @ApiPropertyOptional({ description: 'true: only requests the clinic still owes work on; false: only closed ones.' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  open?: boolean;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assigneeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() patientId?: string;
  @ApiPropertyOptional({ description: 'Only open requests past their due date.' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueBefore must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'dueBefore must be a date (YYYY-MM-DD)' })
  dueBefore?: string;
  @ApiPropertyOptional({ description: 'A reference (PR-2026-000123), the start of a patient name, or an MRN.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}
