import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A version of the notice of privacy practices (164.520); every version is kept (164.520(e)). */
@Entity({ name: 'privacy_notices' })
@Unique('uq_privacy_notices_version_language', ['version', 'language'])
export class PrivacyNotice {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_privacy_notices' })
  id: string;

  @Column({ type: 'text' })
  version: string;

  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn: string;

  @Column({ type: 'text' })
  language: string;

  @Column({ type: 'jsonb' })
  sections: { heading: string; paragraphs: string[] }[];

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
