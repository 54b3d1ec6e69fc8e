import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { AppConfig } from '#config';
import { QueueName, redisConnection, type JobName } from '#jobs';
import { WORKER_ID } from '../worker-id.js';
import { buildJobCatalogue, queuesOf } from './job-catalogue.js';
import { JOB_PROCESSORS, type JobHandler, type JobProcessor } from './job-handler.js';

/**
 * Starts one BullMQ Worker per queue and routes each job to its handler.
 * On shutdown it stops taking jobs and waits for running ones to finish.
 */
/**
 * Jobs run at once per queue, per worker process. Waiting on PostgreSQL and Redis (reminders,
 * email) overlaps well; rendering PDFs is CPU, and one export at a time keeps a worker's memory
 * within its cap (see scripts/start.mjs).
 */
const CONCURRENCY: Record<QueueName, number> = {
  [QueueName.Maintenance]: 4,
  [QueueName.Deadlines]: 16,
  [QueueName.Notifications]: 8,
  [QueueName.Documents]: 2,
  [QueueName.Exports]: 1,
};

@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobRunner.name);
  private readonly catalogue: Map<JobName, JobHandler>;
  private readonly workers: Worker[] = [];

  constructor(
    private readonly config: AppConfig,
    @Inject(JOB_PROCESSORS) processors: JobProcessor[],
  ) {
    this.catalogue = buildJobCatalogue(processors);
  }

  /** Runs one job's handler directly: for tests, which never sleep waiting for a queue. */
  async run<N extends JobName>(name: N, data: unknown, job?: Partial<Job>) {
    const handler = this.catalogue.get(name);
    if (!handler) throw new UnrecoverableError(`no handler for job ${name}`);
    return handler(data as never, (job ?? { name, data }) as Job);
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const queue of queuesOf(this.catalogue)) {
      const worker = new Worker(queue, (job) => this.run(job.name as JobName, job.data, job), {
        connection: redisConnection(this.config.redis.url),
        prefix: this.config.redis.prefix,
        concurrency: CONCURRENCY[queue],
        // Shown as the job's processedBy: which process holds a job.
        name: WORKER_ID,
        // How long a job stays this worker's before another may take it over, had this one died.
        lockDuration: this.config.worker.lockMs,
        stalledInterval: this.config.worker.lockMs,
      });
      worker.on('failed', (job, error) =>
        this.logger.warn({ queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error.message }, 'job failed'),
      );
      worker.on('error', (error) => this.logger.error({ queue, err: error.message }, 'worker error'));
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
    this.logger.log({ queues: queuesOf(this.catalogue) }, 'job runner started');
  }

  async onApplicationShutdown(): Promise<void> {
    // close() waits for the jobs in progress to finish before it resolves.
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.workers.length = 0;
  }
}
