import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isPhiFieldName } from '#domain';
import type { ParameterisedInsert } from '#persistence';
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
    const insert = auditInsert(context, entries);
    await manager.query(insert.sql('$1'), [insert.value]);
  }
}

/**
 * The INSERT of audit events. One plain INSERT, the events as one JSON parameter: this runs inside
 * every audited transaction, so it is kept cheap (no RETURNING, no entity mapping), and an import's
 * thousand events cost little more than one. An action sends it in the same statement as its other
 * writes (one round trip).
 */
export function auditInsert(context: AuditContext, entries: AuditEntry[]): ParameterisedInsert {
  const occurredAt = new Date().toISOString();
  const rows = entries.map((entry) => ({
    occurred_at: occurredAt,
    actor: context.actor,
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId ?? null,
    patient_id: entry.patientId ?? null,
    outcome: entry.outcome ?? 'success',
    client_address: context.clientAddress ?? null,
    request_id: context.requestId ?? null,
    details: checkedDetails(entry.details ?? {}),
  }));
  return {
    sql: (parameter, onlyIf) =>
      `INSERT INTO audit_events (occurred_at, actor, action, target_type, target_id, patient_id, outcome, client_address, request_id, details)
       SELECT * FROM jsonb_to_recordset(${parameter}::jsonb) AS input (occurred_at timestamptz, actor text, action text, target_type text,
         target_id text, patient_id uuid, outcome text, client_address text, request_id text, details jsonb)${onlyIf ? ` WHERE ${onlyIf}` : ''}`,
    value: JSON.stringify(rows),
  };
}

/** Refuses details that are named like patient data: a programming error, caught in tests. */
function checkedDetails(details: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(details)) {
    if (isPhiFieldName(key)) throw new Error(`audit details may not carry "${key}": ids only`);
  }
  return details;
}
