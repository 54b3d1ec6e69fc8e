import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One touch of the system: who did what to which target, with what outcome.
 * Append-only (triggers refuse UPDATE and DELETE). Details hold ids only.
 */
@Entity({ name: 'audit_events' })
@Index('ix_audit_events_occurred_at', ['occurredAt', 'id'])
@Index('ix_audit_events_patient_id', ['patientId', 'id'])
@Index('ix_audit_events_actor', ['actor', 'id'])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'pk_audit_events' })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  /** `user:<uuid>`, `patient:<request reference>`, `system:<job>` or `anonymous`. */
  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'target_type', type: 'text' })
  targetType: string;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId: string | null;

  @Column({ name: 'patient_id', type: 'uuid', nullable: true })
  patientId: string | null;

  @Column({ type: 'text' })
  outcome: string;

  @Column({ name: 'client_address', type: 'text', nullable: true })
  clientAddress: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;
}
