import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { REQUEST_TYPES } from '#domain';
import { QueueName, QueueRegistry } from '#jobs';

/** The job states counted per queue. */
export const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed', 'completed'] as const;

/** How long one source may take before the scrape reports it down. */
const SOURCE_TIMEOUT_MS = 2_000;

interface RequestCounts {
  open: number;
  overdue: number;
  byType: Map<string, number>;
}

/** What one scrape read: null where a source did not answer in time. */
interface Snapshot {
  queues: Map<string, Record<string, number>> | null;
  requests: RequestCounts | null;
}

function withTimeout<T>(work: Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), SOURCE_TIMEOUT_MS);
  });
  return Promise.race([work.catch(() => null), timeout]).finally(() => clearTimeout(timer));
}

/**
 * Prometheus metrics of this process on a registry of its own (never prom-client's
 * global one, so two apps in one process do not clash). Everything is read when
 * scraped, in collect() callbacks; nothing runs on a timer. Labels are queue names,
 * job states, request types and source names: never anything about a patient.
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();
  private pending: Promise<Snapshot> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];

    const queueJobs: Gauge<'queue' | 'state'> = new Gauge({
      name: 'prd_queue_jobs',
      help: 'Jobs in each BullMQ queue, by state.',
      labelNames: ['queue', 'state'] as const,
      registers,
      collect: async () => {
        const { queues } = await this.snapshot();
        queueJobs.reset();
        for (const [queue, counts] of queues ?? []) {
          for (const state of QUEUE_STATES) queueJobs.set({ queue, state }, counts[state] ?? 0);
        }
      },
    });

    const open: Gauge = new Gauge({
      name: 'prd_requests_open',
      help: 'Requests the clinic still owes work on.',
      registers,
      collect: async () => {
        const { requests } = await this.snapshot();
        open.reset();
        if (requests) open.set(requests.open);
      },
    });

    const overdue: Gauge = new Gauge({
      name: 'prd_requests_overdue',
      help: 'Open requests past their due time.',
      registers,
      collect: async () => {
        const { requests } = await this.snapshot();
        overdue.reset();
        if (requests) overdue.set(requests.overdue);
      },
    });

    const openByType: Gauge<'type'> = new Gauge({
      name: 'prd_requests_open_by_type',
      help: 'Open requests, by request type (every type, zeros included).',
      labelNames: ['type'] as const,
      registers,
      collect: async () => {
        const { requests } = await this.snapshot();
        openByType.reset();
        for (const [type, count] of requests?.byType ?? []) openByType.set({ type }, count);
      },
    });

    const sourceUp: Gauge<'source'> = new Gauge({
      name: 'prd_metrics_source_up',
      help: 'Whether a source answered this scrape (1) or not (0); its gauges are absent when it did not.',
      labelNames: ['source'] as const,
      registers,
      collect: async () => {
        const { queues, requests } = await this.snapshot();
        sourceUp.set({ source: 'redis' }, queues ? 1 : 0);
        sourceUp.set({ source: 'database' }, requests ? 1 : 0);
      },
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The metrics in the Prometheus text format. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  onModuleDestroy(): void {
    this.registry.clear();
  }

  /**
   * One read of Redis and PostgreSQL per scrape, shared by every gauge: prom-client
   * starts all collect() callbacks together, the first one starts the read and the
   * others wait for the same promise.
   */
  private snapshot(): Promise<Snapshot> {
    this.pending ??= this.read().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async read(): Promise<Snapshot> {
    const [queues, requests] = await Promise.all([withTimeout(this.queueCounts()), withTimeout(this.requestCounts())]);
    return { queues, requests };
  }

  private async queueCounts(): Promise<Map<string, Record<string, number>>> {
    const names = Object.values(QueueName);
    const counts = await Promise.all(names.map((name) => this.queues.get(name).getJobCounts(...QUEUE_STATES)));
    return new Map(names.map((name, index) => [name, counts[index] ?? {}]));
  }

  /** Open and overdue requests per type in one query (the partial index on open requests serves it). */
  private async requestCounts(): Promise<RequestCounts> {
    const rows: { type: string; open: number; overdue: number }[] = await this.dataSource.query(
      `SELECT type, count(*)::int AS open, (count(*) FILTER (WHERE due_at < now()))::int AS overdue
         FROM requests
        WHERE open
        GROUP BY type`,
    );
    const byType = new Map<string, number>(REQUEST_TYPES.map((type) => [type, 0]));
    let open = 0;
    let overdue = 0;
    for (const row of rows) {
      byType.set(row.type, row.open);
      open += row.open;
      overdue += row.overdue;
    }
    return { open, overdue, byType };
  }
}
