import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '#config';
import { JOB_OPTIONS, QueueName, QueueRegistry } from '#jobs';

export const RECONCILE_EVERY_MS = 5 * 60_000;

/**
 * Registers the reminders' repeating jobs: reconciliation every five minutes
 * and once at every worker start (a Redis that lost its data is rebuilt from
 * PostgreSQL at once), and the daily digest at REMINDER_SEND_AT in ORG_TZ.
 * Job schedulers are upserted, so several workers do not double them.
 */
@Injectable()
export class RemindersSchedule implements OnApplicationBootstrap {
  constructor(
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.register();
  }

  /** Upserts the schedulers and asks for a reconciliation now (at start, and after Redis lost its data). */
  async register(): Promise<void> {
    const deadlines = this.queues.get(QueueName.Deadlines);
    await deadlines.upsertJobScheduler(
      'reminders-reconcile',
      { every: RECONCILE_EVERY_MS },
      { name: 'reminders.reconcile', data: {}, opts: JOB_OPTIONS['reminders.reconcile'] },
    );
    await deadlines.add('reminders.reconcile', {}, { ...JOB_OPTIONS['reminders.reconcile'], jobId: `reconcile-start-${Date.now()}` });
    const [hours, minutes] = this.config.reminders.sendAt.split(':').map(Number);
    await this.queues
      .get(QueueName.Notifications)
      .upsertJobScheduler(
        'daily-digest',
        { pattern: `${minutes} ${hours} * * *`, tz: this.config.organisation.timeZone },
        { name: 'digest.daily', data: {}, opts: JOB_OPTIONS['digest.daily'] },
      );
  }
}
