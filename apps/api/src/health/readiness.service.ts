import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QueueName, QueueRegistry } from '#jobs';
import { pendingMigrations } from '#persistence';

export type CheckStatus = 'up' | 'down';

export interface Readiness {
  ready: boolean;
  checks: {
    database: CheckStatus;
    redis: CheckStatus;
    migrations: CheckStatus;
    pendingMigrations: string[];
  };
  /** Reported, not required: the API serves without a worker, but nothing is relayed. */
  worker: { connected: number; lastHeartbeatAt: string | null };
}

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work.catch(() => fallback), timeout]).finally(() => clearTimeout(timer));
}

/** Whether this instance can serve: database and Redis answer, and no migration is pending. */
@Injectable()
export class ReadinessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
  ) {}

  async check(): Promise<Readiness> {
    const [database, workers, pending, heartbeat] = await Promise.all([
      withTimeout(
        this.dataSource.query('SELECT 1').then(() => true),
        false,
      ),
      withTimeout(this.queues.workerCount(QueueName.Maintenance), null),
      withTimeout(pendingMigrations(this.dataSource), null),
      withTimeout(
        this.dataSource
          .query(`SELECT max(beat_at) AS last FROM worker_heartbeats`)
          .then((rows: { last: Date | null }[]) => rows[0]?.last ?? null),
        null,
      ),
    ]);
    const redis = workers !== null;
    const migrations = database && pending !== null && pending.length === 0;
    return {
      ready: database && redis && migrations,
      checks: {
        database: database ? 'up' : 'down',
        redis: redis ? 'up' : 'down',
        migrations: migrations ? 'up' : 'down',
        pendingMigrations: pending ?? [],
      },
      worker: { connected: workers ?? 0, lastHeartbeatAt: heartbeat ? new Date(heartbeat).toISOString() : null },
    };
  }
}
