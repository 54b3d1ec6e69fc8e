import { QueueName } from './queue-names.js';

/**
 * The job catalogue: every job name with its payload. Payloads carry ids and
 * expectations, never patient data. The worker checks at start-up that each
 * name has exactly one handler (see JOB_QUEUES).
 */
export interface JobPayloads {
  /** Moves committed outbox rows into their queues. */
  'outbox.relay': Record<string, never>;
  /** Asks for a heartbeat; writes an outbox row so the beat crosses the whole path. */
  'heartbeat.emit': Record<string, never>;
  /** Seals pending audit events into the hash chain. */
  'audit.seal': Record<string, never>;
  /** Checks, just after `dueOn` ends, whether the request is still open with that due date. */
  'deadline.check': { requestId: string; dueOn: string };
  /** Renders a letter for the request event of `requestVersion` and stores it. */
  'document.render': { requestId: string; template: string; requestVersion: number };
  /**
   * Lays out (again) the reminders of a request after it changed: adds the new ones, removes what no
   * longer applies. The relay merges the plans of one batch into one job of many requests.
   */
  'reminder.plan': { requestId: string } | { requestIds: string[] };
  /** Sends one reminder or escalation, once per request, step and due date. */
  'reminder.fire': { requestId: string; step: string; dueOn: string };
  /** Rebuilds every open request's reminders from PostgreSQL (after a lost Redis, a lost job, a restart). */
  'reminders.reconcile': Record<string, never>;
  /** Sends one email, once per key. Recipient by staff user id or, for a patient, by patient id; ids and references only. */
  'email.send': {
    key: string;
    to: { userId: string } | { patientId: string };
    message: 'reminder' | 'digest' | 'patient_update';
    data: Record<string, string>;
  };
  /** Posts one signed event to the configured webhook, retried with backoff. */
  'webhook.deliver': { id: string; type: string; occurredAt: string; data: Record<string, string | number | null> };
  /** Sends each privacy officer the day's digest: due this week, overdue, waiting on the patient. */
  'digest.daily': Record<string, never>;
  /** Builds a compliance export and stores its file. */
  'export.build': { exportId: string };
  /** Deletes the files of exports past their expiry. */
  'export.expire': Record<string, never>;
  /** Records that a heartbeat travelled outbox → relay → queue → processor. */
  'heartbeat.record': { workerId: string; emittedAt: string };
}

export type JobName = keyof JobPayloads;

/** Which queue each job runs on. */
export const JOB_QUEUES: { readonly [N in JobName]: QueueName } = {
  'outbox.relay': QueueName.Maintenance,
  'heartbeat.emit': QueueName.Maintenance,
  'heartbeat.record': QueueName.Maintenance,
  'audit.seal': QueueName.Maintenance,
  'deadline.check': QueueName.Deadlines,
  'document.render': QueueName.Documents,
  'export.build': QueueName.Exports,
  'reminder.plan': QueueName.Deadlines,
  'reminder.fire': QueueName.Deadlines,
  'reminders.reconcile': QueueName.Deadlines,
  'email.send': QueueName.Notifications,
  'webhook.deliver': QueueName.Notifications,
  'digest.daily': QueueName.Notifications,
  'export.expire': QueueName.Maintenance,
};

export const JOB_NAMES = Object.keys(JOB_QUEUES) as JobName[];
