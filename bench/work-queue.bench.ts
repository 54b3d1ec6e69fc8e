import 'reflect-metadata';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { RequestsRepository, dataSourceOptions, dropDatabase, ensureDatabase, type ListCursor } from '#persistence';
import { measure, round, type Measurement } from './measure.js';

/**
 * The staff work queue: pages of 50 open requests by due date, walking with
 * the keyset cursor, through the product's RequestsRepository, against the
 * same keyset query sent raw with pg, on a table of `size` requests (one in
 * ten open). Reports pages/s and p50/p99 latency.
 */
export async function workQueueBench(
  side: 'product' | 'raw',
  databaseServerUrl: string,
  size: number,
  pages: number,
): Promise<Measurement> {
  const url = new URL(databaseServerUrl);
  url.pathname = `/prd_bench_queue_${process.pid}`;
  await dropDatabase(url.toString());
  await ensureDatabase(url.toString());
  const dataSource = await new DataSource(dataSourceOptions(url.toString())).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query(
      `INSERT INTO requests (reference, type, status, open, requester, channel, received_at, received_on, due_on, due_at,
                             original_due_on, original_due_at, deadline_rule, deadline_kind, details, created_by, closed_at)
       SELECT 'PR-2026-' || lpad(n::text, 7, '0'), (ARRAY['access','amendment','accounting','restriction'])[1 + n % 4],
              CASE WHEN n % 10 = 0 THEN 'received' ELSE 'fulfilled' END, n % 10 = 0, '{"type":"individual"}', 'mail',
              now() - (n % 365 || ' days')::interval, current_date, current_date + (n % 365), now() + ((n % 365) || ' days')::interval,
              current_date, now(), 'hipaa-access', 'legal', '{"accessType":"copy"}', 'system:bench', CASE WHEN n % 10 = 0 THEN NULL ELSE now() END
         FROM generate_series(1, $1::int) AS n`,
      [size],
    );
    await dataSource.query('ANALYZE requests');
    const latencies: number[] = [];
    const timed = async (work: () => Promise<void>) => {
      const started = process.hrtime.bigint();
      await work();
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    };
    let measurement: Measurement;
    if (side === 'product') {
      const repository = new RequestsRepository(dataSource);
      measurement = await measure(
        `work queue: 50 open by due date, ${size.toLocaleString('en-US')} requests (product)`,
        pages,
        async () => {
          let cursor: ListCursor | undefined;
          for (let page = 0; page < pages; page += 1) {
            await timed(async () => {
              const result = await repository.list({ limit: 50, open: true, cursor });
              cursor = result.nextCursor ?? undefined;
            });
          }
        },
      );
    } else {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      measurement = await measure(`work queue: raw keyset query, ${size.toLocaleString('en-US')} requests`, pages, async () => {
        let after: { due_at: Date; id: string } | undefined;
        for (let page = 0; page < pages; page += 1) {
          await timed(async () => {
            const { rows } = after
              ? await client.query(
                  `SELECT id, reference, type, status, open, patient_id, channel, received_at, received_on, due_on, due_at, original_due_on,
                          original_due_at, extended, assignee_id, version, closed_at, created_at, updated_at
                     FROM requests WHERE open AND (due_at, id) > ($1, $2) ORDER BY due_at, id LIMIT 51`,
                  [after.due_at, after.id],
                )
              : await client.query(
                  `SELECT id, reference, type, status, open, patient_id, channel, received_at, received_on, due_on, due_at, original_due_on,
                          original_due_at, extended, assignee_id, version, closed_at, created_at, updated_at
                     FROM requests WHERE open ORDER BY due_at, id LIMIT 51`,
                );
            after = rows[49];
          });
        }
      });
      await client.end();
    }
    latencies.sort((a, b) => a - b);
    const at = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))], 2);
    return { ...measurement, extra: { p50Ms: at(0.5), p99Ms: at(0.99), size } };
  } finally {
    await dataSource.destroy();
    await dropDatabase(url.toString());
  }
}
