import { Entity, PrimaryColumn } from 'typeorm';

/** Audit events waiting to be sealed into the chain; filled by a trigger on audit_events. */
@Entity({ name: 'audit_pending' })
export class AuditPending {
  @PrimaryColumn({ name: 'event_id', type: 'bigint', primaryKeyConstraintName: 'pk_audit_pending' })
  eventId: string;
}
