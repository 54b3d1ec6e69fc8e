import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxMessage } from '#persistence';
import { QueueRegistry } from '../queue-registry.js';
import { relayJobs } from './relay-jobs.js';

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
      // One round trip per queue, not per row; reminder plans merged (see relayJobs).
      for (const [queue, jobs] of relayJobs(rows, Date.now())) await this.queues.get(queue).addBulk(jobs);
      await manager
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ dispatchedAt: () => 'now()' })
        .whereInIds(rows.map((row) => row.id))
        .execute();
      return { dispatched: rows.length };
    });
  }

  /**
   * After Redis lost its data (a flush, or a restart without persistence), the jobs of rows
   * already relayed may be gone: the delayed ones (run_at still ahead) and those relayed in the
   * last `recentMinutes`, which may not have run yet. Marks them for relaying again. Their job ids
   * are deterministic and every handler is idempotent (C9), so a job that had run runs again as a
   * no-op. Returns how many rows were reopened.
   */
  async reopenAfterRedisLoss(recentMinutes = 60): Promise<number> {
    const [, reopened] = (await this.dataSource.query(
      `UPDATE outbox_messages SET dispatched_at = NULL
        WHERE dispatched_at IS NOT NULL
          AND (run_at > now() OR dispatched_at > now() - make_interval(mins => $1))`,
      [recentMinutes],
    )) as [unknown, number];
    return reopened;
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
