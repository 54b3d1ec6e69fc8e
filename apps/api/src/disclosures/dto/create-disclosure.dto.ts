import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsISO8601,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DISCLOSURE_CATEGORIES, type DisclosureCategory } from '#domain';

export class RecipientDto {
  @ApiPropertyOptional({
    description: 'Who received the information (164.528(b)(2)(ii)). Missing: recorded, but blocks an accounting until corrected.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  name?: string;

  @ApiPropertyOptional({ description: 'The recipient’s address, if known, as one line.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;

  @ApiPropertyOptional({
    description: 'The oversight agency or law-enforcement official, when it differs from the name; matched against suspensions.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  agency?: string;
}

/**
 * One disclosure, as `POST /disclosures` takes it and as each line of an
 * import is checked. What the accounting needs but the source lacks
 * (description, purpose, recipient name) is recorded and reported, not
 * refused: the ledger must hold what happened; the accounting blocks later.
 */
export class CreateDisclosureDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The patient; or give patientMrn.' })
  @ValidateIf((dto: CreateDisclosureDto) => dto.patientMrn === undefined)
  @IsUUID('all', { message: 'patientId must be a UUID (or give patientMrn)' })
  patientId?: string;

  @ApiPropertyOptional({ description: 'The patient’s medical record number, instead of patientId (for EHR feeds).' })
  @ValidateIf((dto: CreateDisclosureDto) => dto.patientMrn !== undefined || dto.patientId === undefined)
  @IsString()
  @Length(1, 50)
  patientMrn?: string;

  @ApiProperty({
    example: '2026-03-14',
    description: 'When it was disclosed: a date, or a date-time (read in the organisation’s time zone). Not in the future.',
  })
  @IsISO8601({ strict: true }, { message: 'disclosedAt must be an ISO 8601 date or date-time' })
  disclosedAt: string;

  @ApiPropertyOptional({ type: RecipientDto, description: 'Absent or without a name: recorded, and reported as missing.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RecipientDto)
  recipient?: RecipientDto;

  @ApiPropertyOptional({ description: 'A brief description of the information disclosed (164.528(b)(2)(iii)).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ description: 'A brief statement of purpose, or a reference to the written request (164.528(b)(2)(iv)).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  purpose?: string;

  @ApiProperty({ enum: DISCLOSURE_CATEGORIES, description: 'Why it was disclosed; the rules decide whether an accounting lists it.' })
  @IsIn(DISCLOSURE_CATEGORIES)
  category: DisclosureCategory;

  @ApiPropertyOptional({ default: 'clinic', description: '`clinic`, or the business associate that made the disclosure.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  madeBy?: string;

  @ApiPropertyOptional({ default: 'manual', description: 'The system that reported it.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  sourceSystem?: string;

  @ApiPropertyOptional({
    description: 'The source system’s own id: the same source system and id twice is one disclosure. Required in an import.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  sourceId?: string;
}

/** A correction: what changes, and why. Recorded as a new row that supersedes the old one. */
export class CorrectDisclosureDto {
  @ApiProperty({ description: 'Why the record is corrected (kept with the correction; staff only).' })
  @IsString()
  @Length(1, 1000)
  reason: string;

  @ApiPropertyOptional({ description: 'The disclosure did not happen (entered in error): it leaves the accounting.' })
  @IsOptional()
  @IsBoolean()
  voided?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'The right patient, when it was filed under the wrong one.' })
  @IsOptional()
  @IsUUID('all')
  patientId?: string;

  @ApiPropertyOptional({ example: '2026-03-14' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'disclosedAt must be an ISO 8601 date or date-time' })
  disclosedAt?: string;

  @ApiPropertyOptional({ type: RecipientDto, description: 'Fields given replace the old ones; others are kept.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RecipientDto)
  recipient?: RecipientDto;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) purpose?: string;

  @ApiPropertyOptional({ enum: DISCLOSURE_CATEGORIES })
  @IsOptional()
  @IsIn(DISCLOSURE_CATEGORIES)
  category?: DisclosureCategory;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) madeBy?: string;
}

export class DisclosureRangeDto {
  @ApiPropertyOptional({ format: 'date', description: 'Disclosed on or after (YYYY-MM-DD).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Length(10, 10, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Disclosed on or before (YYYY-MM-DD).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Length(10, 10, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;
}
