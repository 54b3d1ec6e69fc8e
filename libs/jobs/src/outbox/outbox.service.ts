import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxMessage } from '#persistence';
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
  async add(manager: EntityManager, entries: OutboxEntry[]): Promise<OutboxMessage[]> {
    if (entries.length === 0) return [];
    for (const entry of entries) {
      if (!/^[A-Za-z0-9._-]{1,200}$/.test(entry.jobId)) throw new Error(`invalid job id for ${entry.name}`);
    }
    const rows = entries.map((entry) =>
      manager.create(OutboxMessage, {
        queue: JOB_QUEUES[entry.name],
        jobName: entry.name,
        payload: entry.data as Record<string, unknown>,
        jobId: entry.jobId,
        runAt: entry.runAt ?? null,
      }),
    );
    return manager.save(OutboxMessage, rows);
  }
}
