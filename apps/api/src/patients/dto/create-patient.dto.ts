import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsISO8601,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class AddressDto {
  @ApiProperty() @IsString() @Length(1, 200) line1: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) line2?: string;
  @ApiProperty() @IsString() @Length(1, 100) city: string;
  @ApiProperty({ example: 'NY' }) @IsString() @Length(2, 50) state: string;
  @ApiProperty({ example: '10001' }) @IsString() @Matches(/^[A-Za-z0-9 -]{3,12}$/) postalCode: string;
}

export class CreatePatientDto {
  @ApiProperty({ example: 'Ada' }) @IsString() @Length(1, 100) givenName: string;
  @ApiProperty({ example: 'Example' }) @IsString() @Length(1, 100) familyName: string;

  @ApiProperty({ format: 'date', example: '1980-04-02' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be a date (YYYY-MM-DD)' })
  dateOfBirth: string;

  @ApiPropertyOptional({ description: 'Medical record number.' }) @IsOptional() @IsString() @Length(1, 50) mrn?: string;
  @ApiPropertyOptional({ format: 'email' }) @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[0-9+() .-]{7,25}$/) phone?: string;

  @ApiPropertyOptional({ type: AddressDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;
}

export class PatientSearchDto {
  @ApiPropertyOptional({ description: 'Start of a family or given name, or an exact MRN.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;
}
