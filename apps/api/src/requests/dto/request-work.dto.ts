import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBase64, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min, ValidateIf } from 'class-validator';

export class AssignRequestDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'A staff user, or null to unassign.' })
  @ValidateIf((_object, value) => value !== null)
  @IsUUID()
  assigneeId: string | null;

  @ApiPropertyOptional({ description: 'The version you saw; a newer one gives 409.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class CreateNoteDto {
  @ApiProperty({ description: 'Internal; never shown to the patient.' })
  @IsString()
  @Length(1, 10_000)
  body: string;
}

export const ATTACHMENT_KINDS = ['identity', 'authority', 'written_request', 'signed_directive', 'other'] as const;

export class CreateAttachmentDto {
  @ApiProperty({ enum: ATTACHMENT_KINDS, description: 'What the document was relied on for.' }) @IsIn(ATTACHMENT_KINDS) kind: string;
  @ApiProperty() @IsString() @Length(1, 500) description: string;
  @ApiProperty({ example: 'id-card.pdf' }) @IsString() @Matches(/^[^/\\]{1,200}$/) filename: string;
  @ApiProperty({ example: 'application/pdf' })
  @IsIn(['application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'text/plain'])
  contentType: string;
  @ApiProperty({ description: 'The file, base64-encoded (at most about 700 KB of file in a 1 MB body).' })
  @IsString()
  @IsBase64()
  @MaxLength(1_000_000)
  contentBase64: string;
}
