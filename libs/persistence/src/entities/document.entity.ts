import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { RequestRecord } from './request.entity.js';

/**
 * A letter or report made for a request: immutable (a trigger refuses UPDATE
 * and DELETE); a new version of a letter is a new document. One document per
 * request, template and request version, so a retried job writes it once.
 */
@Entity({ name: 'documents' })
@Unique('uq_documents_request_template_version', ['requestId', 'template', 'requestVersion'])
@Index('ix_documents_request', ['requestId', 'createdAt'])
export class DocumentRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_documents' })
  id: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @ManyToOne(() => RequestRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_documents_request' })
  request?: RequestRecord;

  @Column({ type: 'text' })
  template: string;

  @Column({ name: 'template_version', type: 'integer' })
  templateVersion: number;

  /** The request version whose event asked for the document. */
  @Column({ name: 'request_version', type: 'integer' })
  requestVersion: number;

  @Column({ type: 'text' })
  language: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'content_type', type: 'text', default: 'application/pdf' })
  contentType: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
