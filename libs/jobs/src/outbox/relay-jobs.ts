import type { JobsOptions } from 'bullmq';
import { JOB_OPTIONS } from '../job-options.js';
import type { JobName } from '../job-payloads.js';

/** An outbox row as the relay reads it. */
export interface OutboxRow {
  id: string;
  queue: string;
  jobName: string;
  payload: Record<string, unknown>;
  jobId: string;
  runAt: Date | null;
}

export interface RelayJob {
  name: string;
  data: Record<string, unknown>;
  opts: JobsOptions;
}

/**
 * The BullMQ jobs for a batch of outbox rows, by queue, oldest first. Every
 * change of a request writes a `reminder.plan` row, so a busy minute writes
 * thousands: the plans of one batch become one job that plans all their
 * requests together (one query, one addBulk), the way reconciliation does.
 * Planning reads the request as it is then, so merging loses nothing. The
 * merged job's id is made of the rows' ids: relaying the same rows again
 * after a crash gives the same id, which BullMQ keeps once.
 */
export function relayJobs(rows: readonly OutboxRow[], now: number): Map<string, RelayJob[]> {
  const byQueue = new Map<string, RelayJob[]>();
  const plans = rows.filter((row) => row.jobName === 'reminder.plan' && typeof row.payload.requestId === 'string' && !row.runAt);
  const merged = plans.length > 1 ? new Set(plans) : new Set<OutboxRow>();
  for (const row of rows) {
    if (merged.has(row) && row !== plans[0]) continue;
    const name = row.jobName as JobName;
    const job: RelayJob = merged.has(row)
      ? {
          name,
          data: { requestIds: [...new Set(plans.map((plan) => plan.payload.requestId as string))] },
          opts: { ...JOB_OPTIONS[name], jobId: `plans-${plans[0].id}-${plans[plans.length - 1].id}-${plans.length}` },
        }
      : {
          name,
          data: row.payload,
          opts: { ...JOB_OPTIONS[name], jobId: row.jobId, delay: row.runAt ? Math.max(0, row.runAt.getTime() - now) : undefined },
        };
    const jobs = byQueue.get(row.queue) ?? [];
    jobs.push(job);
    byQueue.set(row.queue, jobs);
  }
  return byQueue;
}
