import 'reflect-metadata';
import { getDataSourceToken } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { loadConfig } from '#config';
import { RequestActionsService } from '../apps/api/src/requests/request-actions.service.js';
import { benchApiContext, benchOfficer } from './bench-api.js';
import { openDataset, type DatasetName } from './dataset.js';
import { measure, pool, type Measurement } from './measure.js';

/**
 * One action end to end (load, decide, version-guarded UPDATE, timeline
 * event with its state snapshot, audit event) through RequestActionsService,
 * against raw pg doing UPDATE + two INSERTs in one transaction on the same
 * tables, both at concurrency 8, each action on its own request: `count`
 * new open requests added to the dataset's tables for this run.
 */
export async function actionBench(side: 'product' | 'raw', datasetName: DatasetName, count: number): Promise<Measurement> {
  const base = loadConfig();
  const dataset = await openDataset(datasetName, base.database.url);
  const url = new URL(dataset.url);
  const label = `${dataset.size.requests.toLocaleString('en-US')} requests`;
  const app = await benchApiContext(base, dataset.url);
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    await dataSource.query(
      `INSERT INTO requests (reference, type, status, open, requester, channel, received_at, received_on, due_on, due_at,
                             original_due_on, original_due_at, extension_max_on, deadline_rule, deadline_kind, details, created_by)
       SELECT 'PR-B' || $2::text || '-' || n, 'access', 'received', true, '{"type":"individual"}', 'mail', now(), current_date,
              current_date + 30, now() + interval '30 days', current_date + 30, now() + interval '30 days', current_date + 60,
              'hipaa-access', 'legal', '{"accessType":"copy","recordsRequested":"all"}', 'system:bench'
         FROM generate_series(1, $1::int) AS n`,
      [count, process.pid],
    );
    const ids: string[] = (
      await dataSource.query(`SELECT id FROM requests WHERE reference LIKE $1 ORDER BY reference`, [`PR-B${process.pid}-%`])
    ).map((row: { id: string }) => row.id);
    if (side === 'product') {
      const user = await benchOfficer(app, 'action');
      const actions = app.get(RequestActionsService);
      return await measure(`actions: verify_identity end to end, c8, ${label} (product)`, count, () =>
        pool(count, 8, (index) =>
          actions.act({ actor: `user:${user.id}` }, user, ids[index], 'verify_identity', { method: 'photo_id_in_person' }),
        ),
      );
    }
    const clients = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const client = new pg.Client({ connectionString: url.toString() });
        await client.connect();
        return client;
      }),
    );
    const result = await measure(`actions: raw pg UPDATE + 2 INSERT in one transaction, c8, ${label}`, count, () =>
      pool(count, 8, async (index, lane) => {
        const client = clients[lane];
        await client.query('BEGIN');
        await client.query(`UPDATE requests SET identity = $2, version = version + 1 WHERE id = $1 AND version = 1`, [
          ids[index],
          { verified: true, method: 'photo_id_in_person' },
        ]);
        await client.query(
          `INSERT INTO request_events (request_id, version, action, from_status, to_status, actor, occurred_at, data, effects) VALUES ($1, 2, 'verify_identity', 'received', 'received', 'bench', now(), '{}', '[]')`,
          [ids[index]],
        );
        await client.query(
          `INSERT INTO audit_events (actor, action, target_type, target_id, outcome) VALUES ('bench', 'request.action', 'request', $1, 'success')`,
          [ids[index]],
        );
        await client.query('COMMIT');
      }),
    );
    await Promise.all(clients.map((client) => client.end()));
    return result;
  } finally {
    await app.close();
  }
}
