import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { RequestRecord } from './request.entity.js';

/**
 * A reminder or escalation that went out: one per request, step and due date
 * (the key), whatever the retries, the workers or a Redis that forgot its jobs.
 */
@Entity({ name: 'reminder_deliveries' })
export class ReminderDelivery {
  @PrimaryColumn({ name: 'request_id', type: 'uuid', primaryKeyConstraintName: 'pk_reminder_deliveries' })
  requestId: string;

  @ManyToOne(() => RequestRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_reminder_deliveries_request' })
  request?: RequestRecord;

  /** `${step}:${dueOn}`. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_reminder_deliveries' })
  key: string;

  @Column({ type: 'text' })
  step: string;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ type: 'text' })
  audience: string;

  /** How many staff it went to. */
  @Column({ type: 'integer' })
  recipients: number;

  @CreateDateColumn({ name: 'sent_at', type: 'timestamptz', precision: 3 })
  sentAt: Date;
}
