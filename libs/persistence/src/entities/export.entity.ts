import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const EXPORT_KINDS = ['audit_log', 'request_register', 'case_file'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'expired'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** What an export covers: a period, and optionally one patient, one actor or one request. */
export interface ExportFilter {
  from?: string;
  to?: string;
  patientId?: string;
  actor?: string;
  requestId?: string;
}

/**
 * A compliance export asked for by staff and built by the worker: its status
 * and progress while it runs, and, once done, the file (in export_chunks)
 * until it expires.
 */
@Entity({ name: 'exports' })
@Index('ix_exports_expires', ['status', 'expiresAt'])
@Check('ck_exports_kind', `"kind" IN ('audit_log', 'request_register', 'case_file')`)
@Check('ck_exports_format', `"format" IN ('pdf', 'csv')`)
@Check('ck_exports_status', `"status" IN ('queued', 'running', 'done', 'failed', 'expired')`)
export class ExportRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_exports' })
  id: string;

  @Column({ type: 'text' })
  kind: ExportKind;

  @Column({ type: 'text' })
  format: 'pdf' | 'csv';

  @Column({ type: 'jsonb' })
  filter: ExportFilter;

  @Column({ type: 'text', default: 'queued' })
  status: ExportStatus;

  /** 0-100. */
  @Column({ type: 'integer', default: 0 })
  progress: number;

  @Column({ name: 'rows_done', type: 'integer', default: 0 })
  rowsDone: number;

  @Column({ name: 'rows_total', type: 'integer', nullable: true })
  rowsTotal: number | null;

  /** `user:<uuid>` of who asked for it; only they, and auditors and admins, may download it. */
  @Column({ name: 'requested_by', type: 'text' })
  requestedBy: string;

  /** Why it failed, in words without patient data. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'size_bytes', type: 'bigint', nullable: true })
  sizeBytes: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', precision: 3, nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', precision: 3, nullable: true })
  finishedAt: Date | null;

  /** When the file is deleted; set when it is done. */
  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3, nullable: true })
  expiresAt: Date | null;
}
