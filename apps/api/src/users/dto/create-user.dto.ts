import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ROLES, type Role } from '#auth';
import { LicenceDto } from './licence.dto.js';

export class CreateUserDto {
  @ApiProperty({ format: 'email', example: 'po@clinic.example' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Pat Officer' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiProperty({ description: 'At least 12 characters mixing three character classes, or 16 of any.', writeOnly: true })
  @IsString()
  @MaxLength(256)
  password: string;

  @ApiPropertyOptional({ type: LicenceDto, description: 'Required for the reviewer role.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LicenceDto)
  licence?: LicenceDto;
}
