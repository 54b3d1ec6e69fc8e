import 'reflect-metadata';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AuditService } from '#audit';
import { dataSourceOptions, dropDatabase, ensureDatabase } from '#persistence';
import { measure, pool, type Measurement } from './measure.js';

/**
 * Audited writes per second: a business write plus its audit event in one
 * transaction, through the product's AuditService (unchained insert; a
 * trigger queues it for the sealer), against raw pg doing BEGIN + INSERT +
 * INSERT + COMMIT (perf-baselines.md item 2) on the same tables, both at
 * concurrency 8.
 */
export async function auditBench(side: 'product' | 'raw', databaseServerUrl: string, count: number): Promise<Measurement> {
  const url = new URL(databaseServerUrl);
  url.pathname = `/prd_bench_${process.pid}`;
  await dropDatabase(url.toString());
  await ensureDatabase(url.toString());
  const dataSource = await new DataSource({ ...dataSourceOptions(url.toString()), extra: { max: 8 } } as never).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    if (side === 'product') {
      const audit = new AuditService();
      return await measure('audited writes: AuditService in the business transaction (c8)', count, () =>
        pool(count, 8, async (index) => {
          await dataSource.transaction(async (manager) => {
            await manager.query(`INSERT INTO worker_heartbeats (worker_id, beat_at) VALUES ($1, now())`, [`p${index}`]);
            await audit.record(
              manager,
              { actor: 'system:bench', requestId: `r${index}` },
              { action: 'bench.write', targetType: 'bench', targetId: String(index) },
            );
          });
        }),
      );
    }
    const clients = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const client = new pg.Client({ connectionString: url.toString() });
        await client.connect();
        return client;
      }),
    );
    const raw = await measure('audited writes: raw pg, BEGIN + 2 INSERT + COMMIT (c8)', count, () =>
      pool(count, 8, async (index, lane) => {
        const client = clients[lane];
        await client.query('BEGIN');
        await client.query(`INSERT INTO worker_heartbeats (worker_id, beat_at) VALUES ($1, now())`, [`r${index}`]);
        await client.query(`INSERT INTO outbox_messages (queue, job_name, payload, job_id) VALUES ('bench', 'bench.write', '{}', $1)`, [
          `r${index}`,
        ]);
        await client.query('COMMIT');
      }),
    );
    await Promise.all(clients.map((client) => client.end()));
    return raw;
  } finally {
    await dataSource.destroy();
    await dropDatabase(url.toString());
  }
}
