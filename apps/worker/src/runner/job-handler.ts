import type { Job } from 'bullmq';
import type { JobName, JobPayloads } from '#jobs';

/** What a handler reports; `skipped` when the job found nothing left to do. */
export type JobOutcome = { status: 'done' | 'skipped'; [detail: string]: unknown };

export type JobHandler<N extends JobName = JobName> = (data: JobPayloads[N], job: Job) => Promise<JobOutcome>;

/** A processor offers handlers for some job names of one queue. */
export interface JobProcessor {
  readonly handlers: { [N in JobName]?: JobHandler<N> };
}

/** Multi-provider token under which every processor registers itself. */
export const JOB_PROCESSORS = Symbol('JOB_PROCESSORS');
