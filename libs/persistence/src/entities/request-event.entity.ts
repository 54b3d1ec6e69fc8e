import { JoinColumn, ManyToOne, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { RequestRecord } from './request.entity.js';

/** One line of a request's timeline: an action, who did it, from which state to which. */
@Entity({ name: 'request_events' })
@Index('ix_request_events_request', ['requestId', 'id'])
@Unique('uq_request_events_dedupe', ['dedupeKey'])
export class RequestEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'pk_request_events' })
  id: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @ManyToOne(() => RequestRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_request_events_request' })
  request?: RequestRecord;

  /** The request's version after this event. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus: string;

  @Column({ type: 'text' })
  actor: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  /** The action's input as recorded. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  effects: unknown[];

  /**
   * The request as it stood after this event (status, dates, decision, details):
   * letters asked for by the event are written from it, however late the job runs.
   */
  @Column({ name: 'request_state', type: 'jsonb', nullable: true })
  requestState: Record<string, unknown> | null;

  /** Set by jobs so that what they write happens once (e.g. overdue:<request>:<due date>). */
  @Column({ name: 'dedupe_key', type: 'text', nullable: true })
  dedupeKey: string | null;
}
