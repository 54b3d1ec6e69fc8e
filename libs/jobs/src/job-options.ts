import type { JobsOptions } from 'bullmq';
import type { JobName } from './job-payloads.js';

const RETRYING: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
};

/** Housekeeping runs again on its own schedule; keeping every run would fill Redis. */
const HOUSEKEEPING: JobsOptions = {
  attempts: 1,
  removeOnComplete: { count: 10 },
  removeOnFail: { count: 100 },
};

/** One retry policy per job. */
export const JOB_OPTIONS: { readonly [N in JobName]: JobsOptions } = {
  'outbox.relay': HOUSEKEEPING,
  'heartbeat.emit': HOUSEKEEPING,
  'heartbeat.record': RETRYING,
  'audit.seal': HOUSEKEEPING,
  'deadline.check': RETRYING,
  'document.render': RETRYING,
  // A retried export starts again from scratch; a few tries are enough for a long job.
  'export.build': { ...RETRYING, attempts: 3 },
  'export.expire': HOUSEKEEPING,
  'reminder.plan': RETRYING,
  'reminder.fire': RETRYING,
  'reminders.reconcile': HOUSEKEEPING,
  'email.send': RETRYING,
  // Another system may be down for a while: up to about 17 hours of retries.
  'webhook.deliver': { ...RETRYING, attempts: 12, backoff: { type: 'exponential', delay: 30_000 } },
  'digest.daily': RETRYING,
};
