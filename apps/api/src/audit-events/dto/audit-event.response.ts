import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditRow, VerifyResult } from '#audit';

export class AuditEventResponse {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ example: 'user:6f1c…' }) actor: string;
  @ApiProperty({ example: 'user.update' }) action: string;
  @ApiProperty() targetType: string;
  @ApiProperty({ type: String, nullable: true }) targetId: string | null;
  @ApiProperty({ type: String, nullable: true }) patientId: string | null;
  @ApiProperty({ enum: ['success', 'failure', 'denied'] }) outcome: string;
  @ApiProperty({ type: String, nullable: true }) clientAddress: string | null;
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, description: 'Position in the hash chain; null until sealed (about a second).' }) seq:
    string | null;
  @ApiProperty({ type: String, nullable: true }) prevHash: string | null;
  @ApiProperty({ type: String, nullable: true }) hash: string | null;

  static from(row: AuditRow): AuditEventResponse {
    return { ...row, occurredAt: new Date(row.occurredAt).toISOString() };
  }
}

export class AuditEventPageResponse {
  @ApiProperty({ type: AuditEventResponse, isArray: true }) items: AuditEventResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class VerifyResponse implements VerifyResult {
  @ApiProperty({ description: 'True when every sealed link in the range re-computes.' }) ok: boolean;
  @ApiProperty({ description: 'Links re-computed.' }) checked: number;
  @ApiPropertyOptional({ description: 'Audit event id where the chain first breaks.' }) firstBadId?: string;
  @ApiPropertyOptional({ enum: ['hash_mismatch', 'event_missing', 'link_missing'] }) reason?: VerifyResult['reason'];
  @ApiProperty({ description: 'Events written but not sealed yet.' }) pending: number;
}
