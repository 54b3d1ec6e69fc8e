import { JoinColumn, ManyToOne, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity.js';
import { RequestRecord } from './request.entity.js';

/** An internal note on a request; staff only, never shown to the patient. */
@Entity({ name: 'request_notes' })
@Index('ix_request_notes_request', ['requestId', 'createdAt'])
export class RequestNote {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_request_notes' })
  id: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @ManyToOne(() => RequestRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_request_notes_request' })
  request?: RequestRecord;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_request_notes_author' })
  author?: User;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
