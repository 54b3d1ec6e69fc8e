import 'reflect-metadata';
import pg from 'pg';
import { loadConfig } from '#config';
import { RequestsService } from '../apps/api/src/requests/requests.service.js';
import { benchApiContext, benchOfficer } from './bench-api.js';
import { openDataset, settle, type DatasetName } from './dataset.js';
import { measure, percentiles, type Measurement } from './measure.js';

/** The staff's usual views: the whole queue, one type, and what falls due within 90 days. */
const FILTERS: { type?: string; dueBefore?: string }[] = [
  {},
  { type: 'access' },
  { dueBefore: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10) },
];

/**
 * The staff work queue: pages of 50 open requests by due date, walking each
 * filter with the keyset cursor, through RequestsService.list (the
 * repository's keyset query, and one audit event per row shown, since every
 * read of patient data is audited), against the same keyset query and the
 * same audit rows sent raw with pg. Reports pages/s and p50/p99 latency.
 */
export async function workQueueBench(side: 'product' | 'raw', datasetName: DatasetName, pagesPerFilter: number): Promise<Measurement> {
  const base = loadConfig();
  const dataset = await openDataset(datasetName, base.database.url);
  const pages = pagesPerFilter * FILTERS.length;
  const label = `${dataset.size.requests.toLocaleString('en-US')} requests`;
  await settle(dataset.url);
  const latencies: number[] = [];
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const started = process.hrtime.bigint();
    const result = await work();
    latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    return result;
  };

  if (side === 'product') {
    const app = await benchApiContext(base, dataset.url);
    try {
      const user = await benchOfficer(app, 'queue');
      const requests = app.get(RequestsService);
      const context = { actor: `user:${user.id}` };
      const result = await measure(`work queue: 50 open by due date, 3 filters, ${label} (product)`, pages, async () => {
        for (const filter of FILTERS) {
          let cursor: string | undefined;
          for (let page = 0; page < pagesPerFilter; page += 1) {
            const { nextCursor } = await timed(() => requests.list(context, user, { ...filter, open: true, limit: 50, cursor }));
            cursor = nextCursor ?? undefined;
          }
        }
      });
      return { ...result, extra: percentiles(latencies) };
    } finally {
      await app.close();
    }
  }

  const client = new pg.Client({ connectionString: dataset.url });
  await client.connect();
  try {
    const result = await measure(`work queue: raw keyset query + audit rows, 3 filters, ${label}`, pages, async () => {
      for (const filter of FILTERS) {
        let after: { due_at: Date; id: string } | undefined;
        for (let page = 0; page < pagesPerFilter; page += 1) {
          await timed(async () => {
            const where = ['open'];
            const values: unknown[] = [];
            if (filter.type) where.push(`type = $${values.push(filter.type)}`);
            if (filter.dueBefore) where.push(`due_on <= $${values.push(filter.dueBefore)}`);
            if (after) where.push(`(due_at, id) > ($${values.push(after.due_at)}, $${values.push(after.id)})`);
            const { rows } = await client.query(
              `SELECT id, reference, type, status, open, patient_id, channel, received_at, received_on, due_on, due_at, original_due_on,
                      original_due_at, extended, assignee_id, version, closed_at, created_at, updated_at
                 FROM requests WHERE ${where.join(' AND ')} ORDER BY due_at, id LIMIT 51`,
              values,
            );
            const shown = rows.slice(0, 50);
            await client.query('BEGIN');
            await client.query(
              `INSERT INTO audit_events (actor, action, target_type, target_id, patient_id, outcome)
               SELECT 'bench:raw', 'request.list', 'request', id, patient_id, 'success' FROM unnest($1::text[], $2::uuid[]) AS t(id, patient_id)`,
              [shown.map((row) => row.id), shown.map((row) => row.patient_id)],
            );
            await client.query('COMMIT');
            after = rows[49];
          });
        }
      }
    });
    return { ...result, extra: percentiles(latencies) };
  } finally {
    await client.end();
  }
}
