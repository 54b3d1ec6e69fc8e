import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { RequestRecord } from './request.entity.js';

/** One entry as the accounting lists it: a disclosure, or a series in summary form (45 CFR 164.528(b)(2)-(3)). */
export interface AccountingSnapshotEntry {
  disclosedOn: string;
  recipientName: string;
  recipientAddress: string | null;
  description: string;
  purpose: string;
  summary?: { count: number; firstOn: string; lastOn: string } | null;
  disclosureIds: string[];
}

/**
 * The accounting exactly as it was provided: computed from the ledger inside
 * the `provide` action's transaction, and read by the letter job, so a late or
 * retried render writes the same document whatever the ledger gained since.
 * Written once (SELECT and INSERT only).
 */
@Entity({ name: 'accounting_snapshots' })
export class AccountingSnapshot {
  @PrimaryColumn({ name: 'request_id', type: 'uuid', primaryKeyConstraintName: 'pk_accounting_snapshots' })
  requestId: string;

  @ManyToOne(() => RequestRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_accounting_snapshots_request' })
  request?: RequestRecord;

  /** The request version whose `provide` event it belongs to. */
  @PrimaryColumn({ name: 'request_version', type: 'integer', primaryKeyConstraintName: 'pk_accounting_snapshots' })
  requestVersion: number;

  @Column({ name: 'period_from', type: 'date' })
  periodFrom: string;

  @Column({ name: 'period_to', type: 'date' })
  periodTo: string;

  @Column({ type: 'jsonb' })
  entries: AccountingSnapshotEntry[];

  @Column({ name: 'withheld_for_suspension', type: 'integer' })
  withheldForSuspension: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
