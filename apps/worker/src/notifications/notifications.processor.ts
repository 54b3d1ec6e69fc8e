import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '#config';
import { addCalendarDays, calendarDateIn, type Clock } from '#domain';
import type { JobPayloads } from '#jobs';
import type { JobOutcome, JobProcessor } from '../runner/job-handler.js';
import { waitingOnPatient } from '../reminders/reminder-facts.js';
import { WORKER_CLOCK } from '../worker-clock.js';
import { Mailer, type MailMessage } from './mailer.js';
import {
  digestMessage,
  patientUpdateMessage,
  reminderMessage,
  type DigestItem,
  type PatientUpdateEvent,
  type ReminderStep,
} from './messages.js';
import { WebhookClient } from './webhook.js';

/**
 * Jobs of the `notifications` queue: one email per key (email_deliveries
 * says what went out, so a retried job sends nothing twice), one signed
 * webhook post per event, and the daily digest for each privacy officer.
 */
@Injectable()
export class NotificationsProcessor implements JobProcessor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly webhook: WebhookClient,
    private readonly config: AppConfig,
    @Inject(WORKER_CLOCK) private readonly clock: Clock,
  ) {}

  readonly handlers = {
    'email.send': (job: JobPayloads['email.send']): Promise<JobOutcome> => this.sendEmail(job),
    'webhook.deliver': async (event: JobPayloads['webhook.deliver']): Promise<JobOutcome> => {
      if (!this.webhook.enabled) return { status: 'skipped', why: 'no webhook configured' };
      await this.webhook.deliver(event);
      return { status: 'done' };
    },
    'digest.daily': (): Promise<JobOutcome> => this.digest(),
  };

  private async sendEmail({ key, to, message, data }: JobPayloads['email.send']): Promise<JobOutcome> {
    if (await this.alreadySent(key)) return { status: 'skipped', why: 'already sent' };
    const address = await this.addressOf(to);
    if (!address) return { status: 'skipped', why: 'no address on file' };
    const built =
      message === 'reminder'
        ? reminderMessage({
            reference: data.reference,
            requestType: data.requestType,
            step: data.step as ReminderStep,
            dueOn: data.dueOn,
            link: `${this.config.publicBaseUrl}/api/v1/requests/${data.requestId}`,
          })
        : patientUpdateMessage({
            reference: data.reference,
            event: data.event as PatientUpdateEvent,
            portalLink: `${this.config.publicBaseUrl}/portal/status?reference=${encodeURIComponent(data.reference)}`,
            language: data.language === 'es' ? 'es' : 'en',
          });
    return this.deliver(key, { to: address, ...built });
  }

  /** Each active privacy officer: what is due this week, overdue, and waiting on the patient; references only. */
  private async digest(): Promise<JobOutcome> {
    const today = calendarDateIn(this.clock.now(), this.config.organisation.timeZone);
    const open = (await this.dataSource.query(
      `SELECT reference, type, status, to_char(due_on, 'YYYY-MM-DD') AS "dueOn" FROM requests
        WHERE open AND due_on <= $1 ORDER BY due_on, reference LIMIT 500`,
      [addCalendarDays(today, 7)],
    )) as { reference: string; type: string; status: string; dueOn: string }[];
    const waiting = (await this.dataSource.query(
      `SELECT reference, type, status, to_char(due_on, 'YYYY-MM-DD') AS "dueOn" FROM requests WHERE open ORDER BY due_on, reference LIMIT 5000`,
    )) as { reference: string; type: string; status: string; dueOn: string }[];
    const item = (row: { reference: string; type: string; dueOn: string }): DigestItem => ({
      reference: row.reference,
      type: row.type,
      dueOn: row.dueOn,
    });
    const lists = {
      overdue: open.filter((row) => row.dueOn < today).map(item),
      dueThisWeek: open.filter((row) => row.dueOn >= today).map(item),
      waitingOnPatient: waiting.filter(waitingOnPatient).slice(0, 200).map(item),
    };
    const officers = (await this.dataSource.query(
      `SELECT id, name, email FROM users WHERE active AND 'privacy_officer' = ANY(roles) ORDER BY id`,
    )) as { id: string; name: string; email: string }[];
    let sent = 0;
    for (const officer of officers) {
      const key = `digest:${officer.id}:${today}`;
      if (await this.alreadySent(key)) continue;
      const built = digestMessage({
        recipientName: officer.name,
        ...lists,
        link: `${this.config.publicBaseUrl}/api/v1/requests?open=true`,
      });
      const outcome = await this.deliver(key, { to: officer.email, ...built });
      if (outcome.status === 'done') sent += 1;
    }
    return { status: sent ? 'done' : 'skipped', sent };
  }

  private async deliver(key: string, message: MailMessage): Promise<JobOutcome> {
    const result = await this.mailer.send({ ...message, messageId: key.replace(/[^A-Za-z0-9.-]/g, '.') });
    if (!result.sent) return { status: 'skipped', why: result.why };
    await this.dataSource.query(`INSERT INTO email_deliveries (key, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      key,
      result.messageId,
    ]);
    return { status: 'done' };
  }

  private async alreadySent(key: string): Promise<boolean> {
    return ((await this.dataSource.query(`SELECT 1 FROM email_deliveries WHERE key = $1`, [key])) as unknown[]).length > 0;
  }

  private async addressOf(to: JobPayloads['email.send']['to']): Promise<string | null> {
    const [row] = (
      'userId' in to
        ? await this.dataSource.query(`SELECT email FROM users WHERE id = $1 AND active`, [to.userId])
        : await this.dataSource.query(`SELECT email FROM patients WHERE id = $1`, [to.patientId])
    ) as { email: string | null }[];
    return row?.email ?? null;
  }
}
