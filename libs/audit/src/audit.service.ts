import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isPhiFieldName } from '#domain';
import type { AuditContext } from './audit-context.js';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEntry {
  /** Dotted verb: `user.create`, `auth.login`, `request.read`, `audit.verify`, ... */
  action: string;
  targetType: string;
  targetId?: string | null;
  patientId?: string | null;
  outcome?: AuditOutcome;
  /** Ids, codes and counts only: never names, dates of birth or free text. */
  details?: Record<string, string | number | boolean | null | string[]>;
}

/**
 * Writes audit events in the caller's transaction, so an event exists exactly
 * when the change it records does. Sealing into the hash chain happens later,
 * off the write path (AuditSealer).
 */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, context: AuditContext, entry: AuditEntry): Promise<void> {
    await this.recordMany(manager, context, [entry]);
  }

  async recordMany(manager: EntityManager, context: AuditContext, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const occurredAt = new Date();
    // One plain multi-row INSERT: this runs inside every audited transaction, so it is kept cheap
    // (no RETURNING, no entity mapping).
    const values: unknown[] = [];
    const rows = entries.map((entry) => {
      const base = values.length;
      values.push(
        occurredAt,
        context.actor,
        entry.action,
        entry.targetType,
        entry.targetId ?? null,
        entry.patientId ?? null,
        entry.outcome ?? 'success',
        context.clientAddress ?? null,
        context.requestId ?? null,
        JSON.stringify(checkedDetails(entry.details ?? {})),
      );
      return `(${Array.from({ length: 10 }, (_, index) => `$${base + index + 1}`).join(', ')})`;
    });
    await manager.query(
      `INSERT INTO audit_events (occurred_at, actor, action, target_type, target_id, patient_id, outcome, client_address, request_id, details)
       VALUES ${rows.join(', ')}`,
      values,
    );
  }
}

/** Refuses details that are named like patient data: a programming error, caught in tests. */
function checkedDetails(details: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(details)) {
    if (isPhiFieldName(key)) throw new Error(`audit details may not carry "${key}": ids only`);
  }
  return details;
}
