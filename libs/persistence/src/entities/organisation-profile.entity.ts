import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PostalAddress } from './patient.entity.js';

/** The clinic as its letters present it. One row (id 1), edited by admins. */
@Entity({ name: 'organisation_profile' })
@Check('ck_organisation_profile_single_row', '"id" = 1')
export class OrganisationProfile {
  @PrimaryColumn({ type: 'integer', default: 1, primaryKeyConstraintName: 'pk_organisation_profile' })
  id: number;

  @Column({ name: 'legal_name', type: 'text' })
  legalName: string;

  @Column({ type: 'jsonb' })
  address: PostalAddress;

  /** The contact person or office (164.530(a)(1)(ii)): name, title, phone, email. */
  @Column({ name: 'privacy_officer', type: 'jsonb' })
  privacyOfficer: { name: string; title: string; phone: string; email?: string | null };

  @Column({ name: 'complaints_address', type: 'jsonb', nullable: true })
  complaintsAddress: PostalAddress | null;

  /** The HHS Office for Civil Rights complaint address and web address. */
  @Column({ type: 'jsonb' })
  hhs: { address: string; web: string };

  @Column({ name: 'language_default', type: 'text', default: 'en' })
  languageDefault: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy: string;
}
