import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique } from 'typeorm';

/** One position of the hash chain: the event sealed there, the previous hash and its own. */
@Entity({ name: 'audit_chain' })
@Unique('uq_audit_chain_event_id', ['eventId'])
export class AuditChainLink {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_audit_chain' })
  seq: string;

  @Column({ name: 'event_id', type: 'bigint' })
  eventId: string;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;

  @CreateDateColumn({ name: 'sealed_at', type: 'timestamptz' })
  sealedAt: Date;
}
