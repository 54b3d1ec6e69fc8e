import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Patient } from './patient.entity.js';

/**
 * A health oversight agency's or law-enforcement official's statement that an
 * accounting would impede its work (45 CFR 164.528(a)(2)): for one patient,
 * or for every patient when `patientId` is null. The rules in libs/domain
 * decide when it is in force.
 */
@Entity({ name: 'accounting_suspensions' })
@Index('ix_accounting_suspensions_patient', ['patientId', 'endsOn'])
@Check('ck_accounting_suspensions_statement', `"statement" IN ('written', 'oral')`)
@Check('ck_accounting_suspensions_period', `"starts_on" <= "ends_on"`)
export class AccountingSuspension {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_accounting_suspensions' })
  id: string;

  @Column({ name: 'patient_id', type: 'uuid', nullable: true })
  patientId: string | null;

  @ManyToOne(() => Patient, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'patient_id', foreignKeyConstraintName: 'fk_accounting_suspensions_patient' })
  patient?: Patient;

  @Column({ type: 'text' })
  agency: string;

  @Column({ type: 'text' })
  statement: 'written' | 'oral';

  /** The date of the statement (for an oral one, the date it was documented). */
  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  /** The last day of the suspension the agency asked for. */
  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;

  /** For an oral statement: when the written statement arrived, if it did. */
  @Column({ name: 'written_confirmed_on', type: 'date', nullable: true })
  writtenConfirmedOn: string | null;

  /** The agency's reason as documented (164.528(a)(2)(ii)(A)): staff-only. */
  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz', precision: 3 })
  recordedAt: Date;
}
