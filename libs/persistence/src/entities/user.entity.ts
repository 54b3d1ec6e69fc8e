import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/** A licence held by a reviewer (a licensed health-care professional, 45 CFR 164.524(a)(4)). */
export interface ProfessionalLicence {
  profession: string;
  number: string;
  jurisdiction: string;
}

/** A staff member who signs in. Emails are stored lower-cased, so uniqueness is case-insensitive. */
@Entity({ name: 'users' })
@Unique('uq_users_email', ['email'])
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_users' })
  id: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', array: true })
  roles: string[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'jsonb', nullable: true })
  licence: ProfessionalLicence | null;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  /** Bumped on deactivation, role change or password change: older tokens stop working at once. */
  @Column({ name: 'token_version', type: 'integer', default: 1 })
  tokenVersion: number;

  /** Millisecond precision, so a keyset cursor round-trips through a JS Date exactly. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
