import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '#domain';
import { AuditService } from './audit.service.js';
import type { AuditContext } from './audit-context.js';
import type { ChainedEvent } from './hash-chain.js';

export interface AuditFilter {
  from?: Date;
  to?: Date;
  actor?: string;
  patientId?: string;
  action?: string;
  limit: number;
  cursor?: string;
}

/** An event as listed: what the chain protects, plus where it sits in the chain (null until sealed). */
export interface AuditRow extends ChainedEvent {
  seq: string | null;
  prevHash: string | null;
  hash: string | null;
}

/** Lists audit events, newest first, with their chain position; the reading is audited too. */
@Injectable()
export class AuditReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(context: AuditContext, filter: AuditFilter): Promise<{ items: AuditRow[]; nextCursor: string | null }> {
    const before = filter.cursor ? decodeCursor(filter.cursor, isAuditPosition).before : null;
    const rows: (Omit<AuditRow, 'id' | 'seq'> & { id: string; seq: string | null })[] = await this.dataSource.query(
      `SELECT e.id::text AS id, e.occurred_at AS "occurredAt", e.actor, e.action, e.target_type AS "targetType",
              e.target_id AS "targetId", e.patient_id AS "patientId", e.outcome, e.client_address AS "clientAddress",
              e.request_id AS "requestId", e.details, c.seq::text AS seq, c.prev_hash AS "prevHash", c.hash
         FROM audit_events e LEFT JOIN audit_chain c ON c.event_id = e.id
        WHERE ($1::timestamptz IS NULL OR e.occurred_at >= $1)
          AND ($2::timestamptz IS NULL OR e.occurred_at < $2)
          AND ($3::text IS NULL OR e.actor = $3)
          AND ($4::uuid IS NULL OR e.patient_id = $4)
          AND ($5::text IS NULL OR e.action = $5)
          AND ($6::bigint IS NULL OR e.id < $6)
        ORDER BY e.id DESC
        LIMIT $7`,
      [
        filter.from ?? null,
        filter.to ?? null,
        filter.actor ?? null,
        filter.patientId ?? null,
        filter.action ?? null,
        before,
        filter.limit + 1,
      ],
    );
    const items = rows.slice(0, filter.limit);
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, context, {
        action: 'audit.list',
        targetType: 'audit_log',
        patientId: filter.patientId ?? null,
        details: { count: items.length },
      }),
    );
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor({ before: last.id }) : null };
  }
}

/** The position of an audit page: the id of its last event (a bigint, as text). */
function isAuditPosition(value: unknown): value is { before: string } {
  const before = (value as { before?: unknown } | null)?.before;
  return typeof before === 'string' && /^\d{1,19}$/.test(before) && BigInt(before) <= 9_223_372_036_854_775_807n;
}
