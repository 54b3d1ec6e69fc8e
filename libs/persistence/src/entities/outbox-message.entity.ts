import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A job that a transaction decided to run. Written in the same transaction as
 * the change that caused it; the relay moves it into BullMQ after commit, so
 * a crash or a flushed Redis never loses one.
 */
@Entity({ name: 'outbox_messages' })
@Index('ix_outbox_messages_pending', ['id'], { where: 'dispatched_at IS NULL' })
export class OutboxMessage {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'pk_outbox_messages' })
  id: string;

  @Column({ type: 'text' })
  queue: string;

  @Column({ name: 'job_name', type: 'text' })
  jobName: string;

  /** Ids only, never patient data (see libs/jobs job-payloads.ts). */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** Deterministic BullMQ job id: the same effect relayed twice is one job. */
  @Column({ name: 'job_id', type: 'text' })
  jobId: string;

  /** Run no earlier than this instant (a reminder before a due date). */
  @Column({ name: 'run_at', type: 'timestamptz', nullable: true })
  runAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;
}
