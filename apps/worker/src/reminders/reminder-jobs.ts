import type { JobsOptions } from 'bullmq';
import { reminderSchedule, type ReminderFacts, type ReminderPolicy, type ReminderStep } from '#domain';
import { JOB_OPTIONS, type JobPayloads } from '#jobs';

/** How far ahead the daily escalation to admins is laid out: it repeats until the request is closed, so it needs an end. */
export const PLAN_AHEAD_MS = 2 * 86_400_000;

/**
 * The end of the schedule to lay out: every step up to the first escalations (three days past the
 * due date), and the daily escalations up to two days after `now` for a request long overdue.
 */
export function planHorizon(dueOn: string, now: Date): Date {
  return new Date(Math.max(now.getTime() + PLAN_AHEAD_MS, Date.parse(`${dueOn}T00:00:00Z`) + 3 * 86_400_000));
}

/** Steps that escalate a late request: sent at once when found late, even if their time passed unseen. */
const ESCALATIONS = /^overdue/;

export function reminderJobId(requestId: string, step: Pick<ReminderStep, 'step' | 'dueOn'>): string {
  return `rem-${requestId}-${step.step}-${step.dueOn}`;
}

/**
 * The reminder jobs a request should have now: every step still to come, and every escalation
 * whose time has passed but which was not sent (`delivered` holds the keys already sent).
 * A reminder whose moment passed unseen is not sent late: the next one will come.
 */
export function wantedReminders(
  requestId: string,
  facts: ReminderFacts,
  policy: ReminderPolicy,
  now: Date,
  delivered: ReadonlySet<string>,
): { name: 'reminder.fire'; data: JobPayloads['reminder.fire']; opts: JobsOptions }[] {
  return reminderSchedule(facts, policy, planHorizon(facts.dueOn, now))
    .filter((step) => !delivered.has(step.key) && (step.fireAt > now || ESCALATIONS.test(step.step)))
    .map((step) => ({
      name: 'reminder.fire' as const,
      data: { requestId, step: step.step, dueOn: step.dueOn },
      opts: {
        ...JOB_OPTIONS['reminder.fire'],
        jobId: reminderJobId(requestId, step),
        delay: Math.max(0, step.fireAt.getTime() - now.getTime()),
      },
    }));
}

/** Every job id the request's reminders could have had for these due dates, to clear what no longer applies. */
export function possibleReminderIds(
  requestId: string,
  facts: ReminderFacts,
  policy: ReminderPolicy,
  now: Date,
  dueDates: string[],
): string[] {
  const ids = new Set<string>();
  for (const dueOn of new Set(dueDates)) {
    const asIfOpen = { ...facts, dueOn, originalDueOn: dueOn, extended: false, extensionAvailable: true, clockRunning: true };
    for (const step of reminderSchedule(asIfOpen, policy, planHorizon(dueOn, now))) ids.add(reminderJobId(requestId, step));
  }
  return [...ids];
}
