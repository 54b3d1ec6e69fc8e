/** Every BullMQ queue of the product. One folder per queue in apps/worker/src. */
export enum QueueName {
  /** Housekeeping: the outbox relay and the worker heartbeat. */
  Maintenance = 'maintenance',
  /** Deadline watching: marks a request overdue when its due date passes unanswered. */
  Deadlines = 'deadlines',
  /** Email, webhooks and the daily digest: the product talking to people and other systems. */
  Notifications = 'notifications',
  /** Letters and reports rendered to PDF and stored. */
  Documents = 'documents',
  /** Compliance exports: audit logs, request registers and case files, streamed to storage. */
  Exports = 'exports',
}
