import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { isPhiFieldName } from '#domain';
import { AuditEvent } from '#persistence';
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
    await manager.insert(
      AuditEvent,
      entries.map((entry) => ({
        occurredAt,
        actor: context.actor,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId ?? null,
        patientId: entry.patientId ?? null,
        outcome: entry.outcome ?? 'success',
        clientAddress: context.clientAddress ?? null,
        requestId: context.requestId ?? null,
        details: checkedDetails(entry.details ?? {}),
      })) as QueryDeepPartialEntity<AuditEvent>[],
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
