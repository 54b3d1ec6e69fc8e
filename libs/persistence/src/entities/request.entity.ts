import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Patient, type PostalAddress } from './patient.entity.js';
import { User } from './user.entity.js';

/** Who made the request: the individual, a personal representative (45 CFR 164.502(g)) or another person. */
export interface Requester {
  type: 'individual' | 'personal_representative' | 'other';
  name?: string;
  relationship?: string;
  /** Where letters to a requester other than the patient go. */
  address?: PostalAddress;
  authority?: { basis: string; documentAttachmentId?: string; scope?: string };
}

/**
 * One patient-rights request. `status` moves only through the type's state
 * machine (libs/domain); every change bumps `version` in a guarded UPDATE.
 */
@Entity({ name: 'requests' })
@Unique('uq_requests_reference', ['reference'])
@Unique('uq_requests_idempotency_key', ['idempotencyKey'])
@Index('ix_requests_open_due', ['dueAt', 'id'], { where: 'open' })
@Index('ix_requests_patient', ['patientId', 'receivedAt'])
@Index('ix_requests_closed', ['closedAt', 'id'], { where: 'NOT open' })
export class RequestRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_requests' })
  id: string;

  /** Human-friendly, e.g. PR-2026-000123: unique, may have gaps. */
  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'text' })
  status: string;

  /** True while the clinic still owes work (the state's clock runs or is paused). */
  @Column({ type: 'boolean' })
  open: boolean;

  @Column({ name: 'patient_id', type: 'uuid', nullable: true })
  patientId: string | null;

  @ManyToOne(() => Patient, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'patient_id', foreignKeyConstraintName: 'fk_requests_patient' })
  patient?: Patient;

  @Column({ type: 'jsonb' })
  requester: Requester;

  @Column({ type: 'text' })
  channel: string;

  /** The language of the patient's letters and pages. */
  @Column({ type: 'text', default: 'en' })
  language: string;

  @Column({ name: 'received_at', type: 'timestamptz', precision: 3 })
  receivedAt: Date;

  /** The receipt date in the organisation's time zone: day 0 of the clock. */
  @Column({ name: 'received_on', type: 'date' })
  receivedOn: string;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  /** End of `dueOn` in the organisation's time zone. */
  @Column({ name: 'due_at', type: 'timestamptz', precision: 3 })
  dueAt: Date;

  @Column({ name: 'original_due_on', type: 'date' })
  originalDueOn: string;

  @Column({ name: 'original_due_at', type: 'timestamptz', precision: 3 })
  originalDueAt: Date;

  @Column({ name: 'extension_max_on', type: 'date', nullable: true })
  extensionMaxOn: string | null;

  @Column({ type: 'boolean', default: false })
  extended: boolean;

  /** The rule that set the deadline in force (e.g. hipaa-access, us-ca-access-copy). */
  @Column({ name: 'deadline_rule', type: 'text' })
  deadlineRule: string;

  @Column({ name: 'deadline_kind', type: 'text' })
  deadlineKind: string;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'fk_requests_assignee' })
  assignee?: User;

  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  decision: Record<string, unknown>;

  @Column({ type: 'jsonb', default: () => `'{"verified": false}'` })
  identity: { verified: boolean; method?: string; verifiedBy?: string; verifiedOn?: string };

  @Column({ type: 'integer', default: 1 })
  version: number;

  /** When the legal clock first stopped (the clinic acted). */
  @Column({ name: 'closed_at', type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  /** Keep the record at least until this date (45 CFR 164.530(j)(2)); null while in force. */
  @Column({ name: 'retain_until', type: 'date', nullable: true })
  retainUntil: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  /** SHA-256 of the patient's status token (the token itself is shown once and never stored). */
  @Column({ name: 'status_token_hash', type: 'char', length: 64, nullable: true, select: false })
  statusTokenHash: string | null;

  /** The portal form's idempotency key: a double submit files one request. */
  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
