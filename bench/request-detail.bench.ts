import 'reflect-metadata';
import pg from 'pg';
import { loadConfig } from '#config';
import { RequestsService } from '../apps/api/src/requests/requests.service.js';
import { benchApiContext, benchOfficer } from './bench-api.js';
import { openDataset, settle, type DatasetName } from './dataset.js';
import { measure, percentiles, type Measurement } from './measure.js';

/**
 * One request with its timeline, as `GET /requests/:id` reads it through
 * RequestsService (transaction, request, timeline, the audit event every read
 * of patient data writes, the deadline explained), against the same work sent
 * raw with pg: the two SELECTs and the audit INSERT in one transaction.
 * Random requests of the dataset, one at a time, for p50/p99 latency.
 */
export async function requestDetailBench(side: 'product' | 'raw', datasetName: DatasetName, reads: number): Promise<Measurement> {
  const base = loadConfig();
  const dataset = await openDataset(datasetName, base.database.url);
  await settle(dataset.url);
  const client = new pg.Client({ connectionString: dataset.url });
  await client.connect();
  // A sample spread over the whole table, the same for both sides.
  const { rows } = await client.query(`SELECT id FROM requests WHERE reference LIKE 'PR-2019-%' ORDER BY md5(id::text) LIMIT $1`, [reads]);
  const ids = rows.map((row: { id: string }) => row.id);
  const latencies: number[] = [];
  const timed = async (work: () => Promise<unknown>) => {
    const started = process.hrtime.bigint();
    await work();
    latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
  };
  const label = `${dataset.size.requests.toLocaleString('en-US')} requests`;
  try {
    if (side === 'product') {
      const app = await benchApiContext(base, dataset.url);
      try {
        const user = await benchOfficer(app, 'detail');
        const requests = app.get(RequestsService);
        const context = { actor: `user:${user.id}` };
        const result = await measure(`request detail with timeline, ${label} (product)`, ids.length, async () => {
          for (const id of ids) await timed(() => requests.get(context, id, user));
        });
        return { ...result, extra: percentiles(latencies) };
      } finally {
        await app.close();
      }
    }
    const result = await measure(`request detail: raw 2 SELECTs + audit INSERT, ${label}`, ids.length, async () => {
      for (const id of ids)
        await timed(async () => {
          await client.query('BEGIN');
          const request = await client.query(`SELECT * FROM requests WHERE id = $1`, [id]);
          await client.query(`SELECT * FROM request_events WHERE request_id = $1 ORDER BY id`, [id]);
          await client.query(
            `INSERT INTO audit_events (actor, action, target_type, target_id, patient_id, outcome) VALUES ('bench:raw', 'request.read', 'request', $1, $2, 'success')`,
            [id, request.rows[0].patient_id],
          );
          await client.query('COMMIT');
        });
    });
    return { ...result, extra: percentiles(latencies) };
  } finally {
    await client.end();
  }
}
