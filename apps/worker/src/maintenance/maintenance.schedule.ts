import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JOB_OPTIONS, QueueName, QueueRegistry } from '#jobs';

export const OUTBOX_RELAY_EVERY_MS = 1_000;
export const HEARTBEAT_EVERY_MS = 15_000;
export const AUDIT_SEAL_EVERY_MS = 1_000;
export const EXPORT_EXPIRY_EVERY_MS = 10 * 60_000;

/**
 * Registers the repeating maintenance jobs. Job schedulers live in Redis and
 * are upserted, so any number of workers can start without doubling them.
 */
@Injectable()
export class MaintenanceSchedule implements OnApplicationBootstrap {
  constructor(private readonly queues: QueueRegistry) {}

  async onApplicationBootstrap(): Promise<void> {
    const queue = this.queues.get(QueueName.Maintenance);
    await queue.upsertJobScheduler(
      'outbox-relay',
      { every: OUTBOX_RELAY_EVERY_MS },
      { name: 'outbox.relay', data: {}, opts: JOB_OPTIONS['outbox.relay'] },
    );
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
  }
}
