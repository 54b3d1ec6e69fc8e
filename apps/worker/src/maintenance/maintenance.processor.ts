import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditSealer } from '#audit';
import { OutboxRelayService, OutboxService, type JobPayloads } from '#jobs';
import { WorkerHeartbeat } from '#persistence';
import type { JobOutcome, JobProcessor } from '../runner/job-handler.js';
import { WORKER_ID } from '../worker-id.js';

/** Jobs of the `maintenance` queue: the outbox relay, audit sealing and the heartbeat. */
@Injectable()
export class MaintenanceProcessor implements JobProcessor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: OutboxRelayService,
    private readonly outbox: OutboxService,
    private readonly sealer: AuditSealer,
  ) {}

  readonly handlers = {
    'outbox.relay': async (): Promise<JobOutcome> => ({ status: 'done', ...(await this.relay.relayBatch()) }),

    'audit.seal': async (): Promise<JobOutcome> => ({ status: 'done', sealed: await this.sealer.sealPending() }),

    // Whichever worker takes the emit job writes the beat in its own name.
    'heartbeat.emit': async (): Promise<JobOutcome> => {
      const workerId = WORKER_ID;
      const emittedAt = new Date().toISOString();
      await this.dataSource.transaction((manager) =>
        this.outbox.add(manager, [
          { name: 'heartbeat.record', data: { workerId, emittedAt }, jobId: `heartbeat-${workerId}-${Date.parse(emittedAt)}` },
        ]),
      );
      return { status: 'done' };
    },

    'heartbeat.record': async ({ workerId }: JobPayloads['heartbeat.record'], job: { id?: string }): Promise<JobOutcome> => {
      await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(WorkerHeartbeat)
        .values({ workerId, beatAt: () => 'now()' })
        .orUpdate(['beat_at'], ['worker_id'])
        .execute();
      return { status: 'done', jobId: job.id };
    },
  };
}
