import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

export interface PostalAddress {
  line1: string;
  line2?: string;
  city: string;
  state: string;
  postalCode: string;
}

/** The individual whose health information a request is about. Every read and write is audited. */
@Entity({ name: 'patients' })
@Unique('uq_patients_mrn', ['mrn'])
export class Patient {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_patients' })
  id: string;

  @Column({ name: 'given_name', type: 'text' })
  givenName: string;

  @Column({ name: 'family_name', type: 'text' })
  familyName: string;

  @Column({ name: 'date_of_birth', type: 'date' })
  dateOfBirth: string;

  /** Medical record number, unique where given. */
  @Column({ type: 'text', nullable: true })
  mrn: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'jsonb', nullable: true })
  address: PostalAddress | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
