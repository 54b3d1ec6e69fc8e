import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsISO8601,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type { OrganisationProfile, PrivacyNotice } from '#persistence';
import { AddressDto } from '../../patients/dto/create-patient.dto.js';

export class PrivacyOfficerDto {
  @ApiProperty({ example: 'Pat Privacy' }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ example: 'Privacy Officer' }) @IsString() @Length(1, 200) title: string;
  @ApiProperty({ example: '(555) 010-0100' }) @IsString() @Matches(/^[0-9+() .-]{7,25}$/) phone: string;
  @ApiPropertyOptional({ format: 'email' }) @IsOptional() @IsEmail() @MaxLength(254) email?: string;
}

export class HhsContactDto {
  @ApiProperty({ description: 'The HHS Office for Civil Rights complaint address.' }) @IsString() @Length(10, 500) address: string;
  @ApiProperty({ example: 'https://www.hhs.gov/ocr/complaints' }) @IsUrl({ require_protocol: true, protocols: ['https'] }) web: string;
}

/** Everything the letters need to say who writes and whom to contact (164.530(a)(1)(ii)). */
export class OrganisationDto {
  @ApiProperty({ example: 'Example Community Clinic' }) @IsString() @Length(1, 200) legalName: string;
  @ApiProperty({ type: AddressDto }) @IsObject() @ValidateNested() @Type(() => AddressDto) address: AddressDto;
  @ApiProperty({ type: PrivacyOfficerDto }) @IsObject() @ValidateNested() @Type(() => PrivacyOfficerDto) privacyOfficer: PrivacyOfficerDto;
  @ApiPropertyOptional({ type: AddressDto, description: 'Where written complaints go; defaults to the address.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  complaintsAddress?: AddressDto;
  @ApiProperty({ type: HhsContactDto }) @IsObject() @ValidateNested() @Type(() => HhsContactDto) hhs: HhsContactDto;
  @ApiProperty({ enum: ['en', 'es'] }) @IsIn(['en', 'es']) languageDefault: 'en' | 'es';
}

export class OrganisationResponse extends OrganisationDto {
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(profile: OrganisationProfile): OrganisationResponse {
    return {
      legalName: profile.legalName,
      address: profile.address,
      privacyOfficer: profile.privacyOfficer as PrivacyOfficerDto,
      complaintsAddress: profile.complaintsAddress ?? undefined,
      hhs: profile.hhs,
      languageDefault: profile.languageDefault as 'en' | 'es',
      updatedAt: profile.updatedAt.toISOString(),
    };
  }
}

export class NoticeSectionDto {
  @ApiProperty() @IsString() @Length(1, 200) heading: string;
  @ApiProperty({ type: String, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 5000, { each: true })
  paragraphs: string[];
}

/** A version of the notice of privacy practices (164.520), in one language. */
export class PrivacyNoticeDto {
  @ApiProperty({ example: '2026-02-16' }) @IsString() @Matches(/^[A-Za-z0-9._-]{1,40}$/) version: string;
  @ApiProperty({ format: 'date' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true }) effectiveOn: string;
  @ApiProperty({ enum: ['en', 'es'] }) @IsIn(['en', 'es']) language: 'en' | 'es';
  @ApiProperty({ type: NoticeSectionDto, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => NoticeSectionDto)
  sections: NoticeSectionDto[];
}

export class PrivacyNoticeResponse extends PrivacyNoticeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(notice: PrivacyNotice): PrivacyNoticeResponse {
    return {
      id: notice.id,
      version: notice.version,
      effectiveOn: notice.effectiveOn,
      language: notice.language as 'en' | 'es',
      sections: notice.sections,
      createdAt: notice.createdAt.toISOString(),
    };
  }
}
