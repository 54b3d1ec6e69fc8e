import type { OutboxEntry } from '#jobs';

/**
 * The outbox entry that watches a request's deadline: a job that runs just
 * after the due date ends and records the request as overdue if it is still
 * open with that same due date. A new due date means a new job id.
 */
export function deadlineWatch(requestId: string, dueOn: string, dueAt: Date): OutboxEntry<'deadline.check'> {
  return {
    name: 'deadline.check',
    data: { requestId, dueOn },
    jobId: `${requestId}-due-${dueOn}`,
    runAt: new Date(dueAt.getTime() + 1_000),
  };
}
