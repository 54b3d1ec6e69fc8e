import { JOB_NAMES, JOB_QUEUES, type JobName, type QueueName } from '#jobs';
import type { JobHandler, JobProcessor } from './job-handler.js';

/**
 * Every job name of the catalogue mapped to its one handler. Throws at
 * start-up when a job has no handler or two, so a missing processor is a
 * boot failure rather than jobs piling up unseen.
 */
export function buildJobCatalogue(processors: readonly JobProcessor[]): Map<JobName, JobHandler> {
  const catalogue = new Map<JobName, JobHandler>();
  for (const processor of processors) {
    for (const [name, handler] of Object.entries(processor.handlers) as [JobName, JobHandler][]) {
      if (catalogue.has(name)) throw new Error(`job ${name} has two handlers`);
      catalogue.set(name, handler);
    }
  }
  const missing = JOB_NAMES.filter((name) => !catalogue.has(name));
  if (missing.length > 0) throw new Error(`jobs without a handler: ${missing.join(', ')}`);
  return catalogue;
}

/** The queues that have at least one job. */
export function queuesOf(catalogue: Map<JobName, JobHandler>): QueueName[] {
  return [...new Set([...catalogue.keys()].map((name) => JOB_QUEUES[name]))];
}
