import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '#audit';
import { AppConfig } from '#config';
import { reminderSchedule, type Clock, type ReminderPolicy } from '#domain';
import { OutboxService, QueueName, QueueRegistry, type JobPayloads, type OutboxEntry } from '#jobs';
import { RequestRecord } from '#persistence';
import type { JobOutcome, JobProcessor } from '../runner/job-handler.js';
import { WORKER_CLOCK } from '../worker-clock.js';
import { reminderFacts } from './reminder-facts.js';
import { planHorizon, possibleReminderIds, wantedReminders } from './reminder-jobs.js';
import { reminderRecipients } from './reminder-recipients.js';
import { reminderMessage, type ReminderStep } from '../notifications/messages.js';

/** Open requests read per round trip while reconciling. */
const RECONCILE_PAGE = 1_000;

/**
 * Reminders and escalations (the `deadlines` queue). PostgreSQL is the truth:
 * `reminder.plan` lays out one request's reminders as delayed jobs with
 * deterministic ids and clears the ones that no longer apply; `reminder.fire`
 * re-reads the request and sends only if the step still applies and was not
 * sent (reminder_deliveries' key); `reminders.reconcile` lays out every open
 * request again, so a flushed Redis or a lost job costs nothing.
 */
@Injectable()
export class RemindersProcessor implements JobProcessor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    @Inject(WORKER_CLOCK) private readonly clock: Clock,
  ) {}

  private get policy(): ReminderPolicy {
    return {
      offsetsDays: this.config.reminders.offsetsDays,
      sendAt: this.config.reminders.sendAt,
      timeZone: this.config.organisation.timeZone,
    };
  }

  readonly handlers = {
    'reminder.plan': (data: JobPayloads['reminder.plan']): Promise<JobOutcome> => this.plan(data),
    'reminder.fire': (data: JobPayloads['reminder.fire']): Promise<JobOutcome> => this.fire(data),
    'reminders.reconcile': (): Promise<JobOutcome> => this.reconcile(),
  };

  /** One request's plan, or a batch the relay merged: one read, one addBulk for all of them. */
  private async plan(payload: JobPayloads['reminder.plan']): Promise<JobOutcome> {
    const ids = 'requestIds' in payload ? payload.requestIds : [payload.requestId];
    const requests = await this.dataSource.getRepository(RequestRecord).findBy({ id: In(ids) });
    if (requests.length === 0) return { status: 'skipped', why: 'gone' };
    const now = this.clock.now();
    const delivered = await this.delivered(requests.map((request) => request.id));
    const queue = this.queues.get(QueueName.Deadlines);
    const wanted: ReturnType<typeof wantedReminders> = [];
    let removed = 0;
    for (const request of requests) {
      const facts = reminderFacts(request);
      const mine = facts.clockRunning ? wantedReminders(request.id, facts, this.policy, now, delivered.get(request.id) ?? new Set()) : [];
      wanted.push(...mine);
      const keep = new Set(mine.map((job) => job.opts.jobId));
      // An extension, a closure or a withdrawal leaves jobs for a due date that no longer governs: remove them.
      // (A request still on its first due date and running has nothing to remove: no lookups.)
      const stale = request.extended || !facts.clockRunning;
      for (const id of stale ? possibleReminderIds(request.id, facts, this.policy, now, [request.dueOn, request.originalDueOn]) : []) {
        if (keep.has(id)) continue;
        const job = await queue.getJob(id);
        if (job && (await job.isDelayed())) {
          await job.remove();
          removed += 1;
        }
      }
    }
    if (wanted.length) await queue.addBulk(wanted);
    return { status: 'done', requests: requests.length, scheduled: wanted.length, removed };
  }

  private async fire({ requestId, step, dueOn }: JobPayloads['reminder.fire']): Promise<JobOutcome> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const request = await manager.getRepository(RequestRecord).findOneBy({ id: requestId });
      if (!request) return { status: 'skipped', why: 'gone' };
      const facts = reminderFacts(request);
      if (!facts.clockRunning) return { status: 'skipped', why: 'answered' };
      if (request.dueOn !== dueOn) return { status: 'skipped', why: 'due date moved' };
      const due = reminderSchedule(facts, this.policy, planHorizon(dueOn, now)).find((candidate) => candidate.step === step);
      if (!due) return { status: 'skipped', why: 'no longer applies' };
      if (due.fireAt > now) return { status: 'skipped', why: 'not yet' };
      const recipients = await reminderRecipients(manager, due.audience, request.assigneeId);
      const inserted = (await manager.query(
        `INSERT INTO reminder_deliveries (request_id, key, step, due_on, audience, recipients) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING RETURNING key`,
        [requestId, due.key, step, dueOn, due.audience, recipients.length],
      )) as unknown[];
      if (inserted.length === 0) return { status: 'skipped', why: 'already sent' };

      const link = `/api/v1/requests/${requestId}`;
      // The in-app notice says what the email says.
      const { subject } = reminderMessage({
        reference: request.reference,
        requestType: request.type,
        step: step as ReminderStep,
        dueOn,
        link: `${this.config.publicBaseUrl}${link}`,
      });
      if (recipients.length) {
        await manager.query(
          `INSERT INTO notifications (user_id, kind, key, subject, link)
           SELECT unnest($1::uuid[]), $2, $3, $4, $5 ON CONFLICT (user_id, key) DO NOTHING`,
          [recipients, `reminder.${step}`, `reminder:${requestId}:${due.key}`, subject, link],
        );
      }
      const jobs: OutboxEntry[] = recipients.map((userId) => ({
        name: 'email.send',
        data: {
          key: `rem:${requestId}:${due.key}:${userId}`,
          to: { userId },
          message: 'reminder',
          data: { reference: request.reference, requestType: request.type, step, dueOn, requestId },
        },
        jobId: `mail-${requestId}-${step}-${dueOn}-${userId}`,
      }));
      if (this.config.webhook) {
        jobs.push({
          name: 'webhook.deliver',
          data: {
            id: `rem-${requestId}-${step}-${dueOn}`,
            type: step.startsWith('overdue') ? 'request.escalated' : 'request.reminder',
            occurredAt: now.toISOString(),
            data: { requestId, reference: request.reference, type: request.type, step, dueOn },
          },
          jobId: `hook-${requestId}-${step}-${dueOn}`,
        });
      }
      // The daily escalation to admins repeats: lay out the next one now rather than wait for reconciliation.
      if (step.startsWith('overdue'))
        jobs.push({ name: 'reminder.plan', data: { requestId }, jobId: `plan-${requestId}-${step}-${dueOn}` });
      await this.outbox.add(manager, jobs);
      await this.audit.record(
        manager,
        { actor: 'system:reminders' },
        {
          action: step.startsWith('overdue') ? 'request.escalate' : 'request.remind',
          targetType: 'request',
          targetId: requestId,
          patientId: request.patientId,
          details: { step, dueOn, recipients: recipients.length },
        },
      );
      return { status: 'done', recipients: recipients.length };
    });
  }

  /** Lays out every open request's reminders again, a page at a time; late ones escalate at once. */
  private async reconcile(): Promise<JobOutcome> {
    const now = this.clock.now();
    const queue = this.queues.get(QueueName.Deadlines);
    let after: { dueAt: Date; id: string } | null = null;
    let requests = 0;
    let scheduled = 0;
    for (;;) {
      const page = (await this.dataSource.query(
        `SELECT id, type, status, open, extended, due_at AS "dueAt",
                to_char(due_on, 'YYYY-MM-DD') AS "dueOn", to_char(original_due_on, 'YYYY-MM-DD') AS "originalDueOn"
           FROM requests WHERE open ${after ? 'AND (due_at, id) > ($1, $2)' : ''}
          ORDER BY due_at, id LIMIT ${RECONCILE_PAGE}`,
        after ? [after.dueAt, after.id] : [],
      )) as Pick<RequestRecord, 'id' | 'type' | 'status' | 'open' | 'extended' | 'dueAt' | 'dueOn' | 'originalDueOn'>[];
      if (page.length === 0) break;
      const delivered = await this.delivered(page.map((request) => request.id));
      const jobs = page.flatMap((request) => {
        const facts = reminderFacts(request);
        return facts.clockRunning ? wantedReminders(request.id, facts, this.policy, now, delivered.get(request.id) ?? new Set()) : [];
      });
      // Deterministic ids: a job still in Redis is left as it is; a lost one is added again.
      if (jobs.length) await queue.addBulk(jobs);
      requests += page.length;
      scheduled += jobs.length;
      const last = page[page.length - 1];
      after = { dueAt: last.dueAt, id: last.id };
      if (page.length < RECONCILE_PAGE) break;
    }
    return { status: 'done', requests, scheduled };
  }

  /** The reminder keys already sent, per request. */
  private async delivered(requestIds: string[]): Promise<Map<string, Set<string>>> {
    const rows = (await this.dataSource.query(
      `SELECT request_id AS "requestId", key FROM reminder_deliveries WHERE request_id = ANY($1::uuid[])`,
      [requestIds],
    )) as { requestId: string; key: string }[];
    const byRequest = new Map<string, Set<string>>();
    for (const row of rows) {
      const keys = byRequest.get(row.requestId) ?? new Set<string>();
      keys.add(row.key);
      byRequest.set(row.requestId, keys);
    }
    return byRequest;
  }
}
