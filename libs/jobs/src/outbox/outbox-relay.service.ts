import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxMessage } from '#persistence';
import { JOB_OPTIONS } from '../job-options.js';
import type { JobName } from '../job-payloads.js';
import { QueueRegistry } from '../queue-registry.js';

export interface RelayResult {
  dispatched: number;
}

/**
 * Moves committed outbox rows into BullMQ, oldest first. Rows are claimed
 * with SKIP LOCKED so several workers can relay at once without sending a row
 * twice; the deterministic job id makes a resend after a crash harmless.
 */
@Injectable()
export class OutboxRelayService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
  ) {}

  async relayBatch(limit = 200): Promise<RelayResult> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager
        .getRepository(OutboxMessage)
        .createQueryBuilder('m')
        .where('m.dispatched_at IS NULL')
        .orderBy('m.id', 'ASC')
        .limit(limit)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (rows.length === 0) return { dispatched: 0 };
      const now = Date.now();
      for (const row of rows) {
        const name = row.jobName as JobName;
        await this.queues.get(row.queue).add(name, row.payload, {
          ...JOB_OPTIONS[name],
          jobId: row.jobId,
          delay: row.runAt ? Math.max(0, row.runAt.getTime() - now) : undefined,
        });
      }
      await manager
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ dispatchedAt: () => 'now()' })
        .whereInIds(rows.map((row) => row.id))
        .execute();
      return { dispatched: rows.length };
    });
  }

  /** Relays until the outbox is empty (tests, and catching up after an outage). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const { dispatched } = await this.relayBatch();
      total += dispatched;
      if (dispatched === 0) return total;
    }
  }
}
