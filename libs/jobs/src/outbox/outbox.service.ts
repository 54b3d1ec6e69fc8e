import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ParameterisedInsert } from '#persistence';
import { JOB_QUEUES, type JobName, type JobPayloads } from '../job-payloads.js';

export interface OutboxEntry<N extends JobName = JobName> {
  name: N;
  data: JobPayloads[N];
  /** Deterministic id: the same effect written twice becomes one job. Letters, digits, "-", "_", "." only. */
  jobId: string;
  runAt?: Date;
}

/**
 * Writes jobs into the outbox inside the caller's transaction. Nothing
 * reaches Redis until the transaction commits and the relay picks it up.
 */
@Injectable()
export class OutboxService {
  async add(manager: EntityManager, entries: OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const insert = outboxInsert(entries);
    await manager.query(insert.sql('$1'), [insert.value]);
  }
}

/**
 * The INSERT of outbox rows over one JSON parameter (named by the caller, so an action can send it in
 * the same statement as its other writes). Every action writes here, its reminders' plan at least:
 * one plain INSERT, no entity mapping and no RETURNING.
 */
export function outboxInsert(entries: OutboxEntry[]): ParameterisedInsert {
  for (const entry of entries) {
    if (!/^[A-Za-z0-9._-]{1,200}$/.test(entry.jobId)) throw new Error(`invalid job id for ${entry.name}`);
  }
  return {
    sql: (parameter, onlyIf) =>
      `INSERT INTO outbox_messages (queue, job_name, payload, job_id, run_at)
       SELECT queue, job_name, payload, job_id, run_at
         FROM jsonb_to_recordset(${parameter}::jsonb) AS input (queue text, job_name text, payload jsonb, job_id text, run_at timestamptz)${onlyIf ? ` WHERE ${onlyIf}` : ''}`,
    value: JSON.stringify(
      entries.map((entry) => ({
        queue: JOB_QUEUES[entry.name],
        job_name: entry.name,
        payload: entry.data,
        job_id: entry.jobId,
        run_at: entry.runAt?.toISOString() ?? null,
      })),
    ),
  };
}
