import { ApiProperty } from '@nestjs/swagger';
import { EXPORT_KINDS, EXPORT_STATUSES, type ExportRecord } from '#persistence';

export class ExportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: EXPORT_KINDS }) kind: string;
  @ApiProperty({ enum: ['pdf', 'csv'] }) format: string;
  @ApiProperty({ type: Object, description: 'What it covers: from, to (instants or dates), patientId, actor, requestId.' })
  filter: Record<string, unknown>;
  @ApiProperty({ enum: EXPORT_STATUSES }) status: string;
  @ApiProperty({ description: 'Percent done, 0-100; 100 only when the file can be downloaded.' }) progress: number;
  @ApiProperty() rowsDone: number;
  @ApiProperty({ type: Number, nullable: true }) rowsTotal: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Where to download it, once done.' }) href: string | null;
  @ApiProperty({ type: Number, nullable: true }) sizeBytes: number | null;
  @ApiProperty({ type: String, nullable: true }) sha256: string | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty() requestedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the file is deleted.' }) expiresAt: string | null;

  static from(row: ExportRecord): ExportResponse {
    return {
      id: row.id,
      kind: row.kind,
      format: row.format,
      filter: { ...row.filter },
      status: row.status,
      progress: row.progress,
      rowsDone: row.rowsDone,
      rowsTotal: row.rowsTotal,
      href: row.status === 'done' ? `/api/v1/exports/${row.id}/file` : null,
      sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes),
      sha256: row.sha256,
      error: row.error,
      requestedBy: row.requestedBy,
      createdAt: row.createdAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
      expiresAt: row.expiresAt?.toISOString() ?? null,
    };
  }
}

export class ExportListResponse {
  @ApiProperty({ type: ExportResponse, isArray: true }) items: ExportResponse[];
}
