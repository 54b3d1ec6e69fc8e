import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Patient } from './patient.entity.js';

/** A restriction in force that a disclosure appears to break, noted when the disclosure was recorded. */
export interface RestrictionConflictNote {
  requestId: string;
  reference: string;
  citation: string;
}

/**
 * One disclosure of a patient's information, as a clinic system reported it
 * (45 CFR 164.528(b)(2)). Append-only: triggers refuse UPDATE and DELETE. A
 * correction is a new row that supersedes the old one (one correction per
 * row, so two people correcting at once get one success and one 409), with
 * who and why; a correction may void a disclosure entered in error. The same
 * source system and source id twice is one disclosure.
 */
@Entity({ name: 'disclosures' })
@Unique('uq_disclosures_source', ['sourceSystem', 'sourceId'])
@Unique('uq_disclosures_supersedes', ['supersedesId'])
@Index('ix_disclosures_patient_disclosed_on', ['patientId', 'disclosedOn'])
@Check('ck_disclosures_correction_reason', `"supersedes_id" IS NULL OR "correction_reason" IS NOT NULL`)
export class DisclosureRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_disclosures' })
  id: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId: string;

  @ManyToOne(() => Patient, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'patient_id', foreignKeyConstraintName: 'fk_disclosures_patient' })
  patient?: Patient;

  /** The date of the disclosure, in the organisation's time zone. */
  @Column({ name: 'disclosed_on', type: 'date' })
  disclosedOn: string;

  @Column({ name: 'recipient_name', type: 'text' })
  recipientName: string;

  @Column({ name: 'recipient_address', type: 'text', nullable: true })
  recipientAddress: string | null;

  /** The oversight agency or law-enforcement official, matched against accounting suspensions. */
  @Column({ name: 'recipient_agency', type: 'text', nullable: true })
  recipientAgency: string | null;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text' })
  purpose: string;

  /** One of DISCLOSURE_CATEGORIES (libs/domain); the accounting rules decide what it means. */
  @Column({ type: 'text' })
  category: string;

  /** `clinic`, or the business associate that made the disclosure. */
  @Column({ name: 'made_by', type: 'text', default: 'clinic' })
  madeBy: string;

  @Column({ name: 'source_system', type: 'text' })
  sourceSystem: string;

  /** The source system's own id; absent for disclosures recorded by hand. */
  @Column({ name: 'source_id', type: 'text', nullable: true })
  sourceId: string | null;

  @Column({ name: 'supersedes_id', type: 'uuid', nullable: true })
  supersedesId: string | null;

  @ManyToOne(() => DisclosureRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supersedes_id', foreignKeyConstraintName: 'fk_disclosures_supersedes' })
  supersedes?: DisclosureRecord;

  @Column({ name: 'correction_reason', type: 'text', nullable: true })
  correctionReason: string | null;

  /** A correction that says the disclosure it supersedes did not happen (entered in error). */
  @Column({ type: 'boolean', default: false })
  voided: boolean;

  @Column({ name: 'restriction_conflicts', type: 'jsonb', default: () => "'[]'" })
  restrictionConflicts: RestrictionConflictNote[];

  /** `user:<uuid>` of whoever recorded it. */
  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz', precision: 3 })
  recordedAt: Date;
}
