import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { REQUEST_TYPES, type RequestType } from '#domain';
import { AddressDto, CreatePatientDto } from '../../patients/dto/create-patient.dto.js';

export const CHANNELS = ['portal', 'mail', 'in_person', 'phone', 'fax', 'email'] as const;
export const REQUESTER_TYPES = ['individual', 'personal_representative', 'other'] as const;
export const AUTHORITY_BASES = [
  'healthcare_power_of_attorney',
  'guardian',
  'parent',
  'executor',
  'administrator',
  'other_legal_authority',
] as const;

export class AuthorityDto {
  @ApiProperty({ enum: AUTHORITY_BASES, description: 'Why this person may act for the patient (45 CFR 164.502(g)).' })
  @IsIn(AUTHORITY_BASES)
  basis: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The attachment holding the document relied on.' })
  @IsOptional()
  @IsUUID()
  documentAttachmentId?: string;

  @ApiPropertyOptional({ description: 'What the authority covers (the PHI relevant to the representation).' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  scope?: string;
}

export class RequesterDto {
  @ApiProperty({ enum: REQUESTER_TYPES })
  @IsIn(REQUESTER_TYPES)
  type: (typeof REQUESTER_TYPES)[number];

  @ApiPropertyOptional({ description: 'Required unless the requester is the patient.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: 'daughter' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  relationship?: string;

  @ApiPropertyOptional({ type: AddressDto, description: 'Where letters to this requester go (when not the patient).' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;

  @ApiPropertyOptional({ type: AuthorityDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AuthorityDto)
  authority?: AuthorityDto;
}

/** Staff intake of a request received by mail, phone, in person, fax or email. */
export class CreateRequestDto {
  @ApiProperty({ enum: REQUEST_TYPES })
  @IsIn(REQUEST_TYPES)
  type: RequestType;

  @ApiPropertyOptional({ format: 'uuid', description: 'An existing patient; or give `patient` to register one.' })
  @IsOptional()
  @IsUUID()
  patientId?: string;

  @ApiPropertyOptional({ type: CreatePatientDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CreatePatientDto)
  patient?: CreatePatientDto;

  @ApiPropertyOptional({ type: RequesterDto, description: 'Defaults to the patient themself.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RequesterDto)
  requester?: RequesterDto;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel: (typeof CHANNELS)[number];

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the clinic received it (the clock starts here); defaults to now. Not in the future.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedAt?: string;

  @ApiPropertyOptional({ enum: ['en', 'es'], default: 'en', description: 'The language of the patient’s letters and pages.' })
  @IsOptional()
  @IsIn(['en', 'es'])
  language?: 'en' | 'es';

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The type’s intake fields: see GET /api/v1/request-types (detailsSchema).',
  })
  @IsObject()
  details: Record<string, unknown>;
}
