import { Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { JOB_OPTIONS, OutboxRelayService, QueueName, QueueRegistry } from '#jobs';
import { RemindersSchedule } from '../reminders/reminders.schedule.js';

export const OUTBOX_RELAY_EVERY_MS = 1_000;
export const HEARTBEAT_EVERY_MS = 15_000;
export const AUDIT_SEAL_EVERY_MS = 1_000;
export const EXPORT_EXPIRY_EVERY_MS = 10 * 60_000;
/** How often each worker checks that Redis still holds the schedule (a flush or a restart loses it). */
export const SCHEDULE_CHECK_EVERY_MS = 5_000;

/**
 * Registers the repeating maintenance jobs. Job schedulers live in Redis and
 * are upserted, so any number of workers can start without doubling them.
 * Redis may lose them (FLUSHALL, a restart without persistence): every worker
 * checks every few seconds, and the first to see them gone registers them
 * again, lays out the reminders again and relays again the outbox rows whose
 * jobs may have been lost with them (PostgreSQL is the source of truth).
 */
@Injectable()
export class MaintenanceSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MaintenanceSchedule.name);
  private timer?: NodeJS.Timeout;
  private checking = false;

  constructor(
    private readonly queues: QueueRegistry,
    private readonly relay: OutboxRelayService,
    @Optional() private readonly reminders?: RemindersSchedule,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.register();
    this.timer = setInterval(() => void this.restoreIfLost(), SCHEDULE_CHECK_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Registers the schedule again if Redis no longer holds it; true if it had to. */
  async restoreIfLost(): Promise<boolean> {
    if (this.checking) return false;
    this.checking = true;
    try {
      if (await this.queues.get(QueueName.Maintenance).getJobScheduler('outbox-relay')) return false;
      await this.register();
      await this.reminders?.register();
      const reopened = await this.relay.reopenAfterRedisLoss();
      this.logger.warn({ reopened }, 'Redis lost the job schedule: registered it again and reopened the outbox rows it may have lost');
      return true;
    } catch (error) {
      // Redis or PostgreSQL away: the next check tries again.
      this.logger.warn({ err: (error as Error).message }, 'could not check the job schedule');
      return false;
    } finally {
      this.checking = false;
    }
  }

  private async register(): Promise<void> {
    const queue = this.queues.get(QueueName.Maintenance);
    await queue.upsertJobScheduler(
      'audit-seal',
      { every: AUDIT_SEAL_EVERY_MS },
      { name: 'audit.seal', data: {}, opts: JOB_OPTIONS['audit.seal'] },
    );
    await queue.upsertJobScheduler(
      'heartbeat',
      { every: HEARTBEAT_EVERY_MS },
      { name: 'heartbeat.emit', data: {}, opts: JOB_OPTIONS['heartbeat.emit'] },
    );
    await queue.upsertJobScheduler(
      'export-expiry',
      { every: EXPORT_EXPIRY_EVERY_MS },
      { name: 'export.expire', data: {}, opts: JOB_OPTIONS['export.expire'] },
    );
    // Last: the one restoreIfLost() looks for, so a check never sees half a schedule as whole.
    await queue.upsertJobScheduler(
      'outbox-relay',
      { every: OUTBOX_RELAY_EVERY_MS },
      { name: 'outbox.relay', data: {}, opts: JOB_OPTIONS['outbox.relay'] },
    );
  }
}
