import { JoinColumn, ManyToOne, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { RequestRecord } from './request.entity.js';

/** A document relied on for a request: proof of identity or authority, the written request itself. */
@Entity({ name: 'request_attachments' })
@Index('ix_request_attachments_request', ['requestId', 'createdAt'])
export class RequestAttachment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_request_attachments' })
  id: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @ManyToOne(() => RequestRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_request_attachments_request' })
  request?: RequestRecord;

  /** identity | authority | written_request | other */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text' })
  filename: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  /** Kept in the database: one backup, one access control, one audit trail. */
  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @Column({ name: 'uploaded_by', type: 'text' })
  uploadedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
