import 'reflect-metadata';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { loadConfig } from '#config';
import { createApiApp } from '../apps/api/src/bootstrap/create-api-app.js';
import { BENCH_PASSWORD, benchConfig, benchOfficer } from './bench-api.js';
import { openDataset, type DatasetName } from './dataset.js';
import { drive } from './load.js';
import type { Measurement } from './measure.js';

const CONNECTIONS = Number(process.env.BENCH_INTAKE_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 10);

/**
 * Intake over HTTP at concurrency 32: the product's `POST /api/v1/requests`
 * (auth, validation, deadline, transaction, timeline, audit, outbox) against a
 * minimal node:http server that parses the same JSON and does the two inserts
 * (the request, its audit event) in one transaction. Both serve the dataset's
 * tables, driven by autocannon from a process of its own for the same time.
 */
export async function intakeBench(side: 'product' | 'raw', datasetName: DatasetName): Promise<Measurement> {
  const base = loadConfig();
  const dataset = await openDataset(datasetName, base.database.url);
  const setup = new pg.Client({ connectionString: dataset.url });
  await setup.connect();
  const [{ id: patientId }] = (await setup.query(`SELECT id FROM patients ORDER BY mrn LIMIT 1`)).rows as { id: string }[];
  await setup.end();
  const body = JSON.stringify({
    type: 'access',
    patientId,
    channel: 'portal',
    details: { accessType: 'copy', recordsRequested: 'all designated record sets', format: 'electronic', delivery: 'portal' },
  });
  const label = `${dataset.size.requests.toLocaleString('en-US')} requests`;

  if (side === 'product') {
    const app = await createApiApp({ config: benchConfig(base, dataset.url), logDestination: { write: () => true } as never });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { email } = await benchOfficer(app, 'intake');
      const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
      const login = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: BENCH_PASSWORD }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const probe = await fetch(`${url}/api/v1/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body,
      });
      if (probe.status !== 201) throw new Error(`intake refused the bench's request: ${probe.status} ${await probe.text()}`);
      const load = await drive(`${url}/api/v1/requests`, {
        connections: CONNECTIONS,
        seconds: SECONDS,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body,
      });
      return result(`intake over HTTP, c${CONNECTIONS}, ${label} (product)`, load);
    } finally {
      await app.close();
    }
  }

  // The same pool size as the product's (10).
  const pool = new pg.Pool({ connectionString: dataset.url, max: 10 });
  const server = createServer((request, response) => {
    void readJson(request)
      .then(async (input) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const { rows } = await client.query(
            `INSERT INTO requests (reference, type, status, open, patient_id, requester, channel, received_at, received_on, due_on, due_at,
                                   original_due_on, original_due_at, deadline_rule, deadline_kind, details, created_by)
             VALUES ('RAW-' || gen_random_uuid(), $1, 'received', true, $2, '{"type":"individual"}', $3, now(), current_date,
                     current_date + 30, now() + interval '30 days', current_date + 30, now() + interval '30 days', 'hipaa-access',
                     'legal', $4, 'bench:raw') RETURNING id, reference`,
            [input.type, input.patientId, input.channel, input.details],
          );
          await client.query(
            `INSERT INTO audit_events (actor, action, target_type, target_id, patient_id, outcome) VALUES ('bench:raw', 'request.create', 'request', $1, $2, 'success')`,
            [rows[0].id, input.patientId],
          );
          await client.query('COMMIT');
          response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(rows[0]));
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        } finally {
          client.release();
        }
      })
      .catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/requests`;
    const load = await drive(url, {
      connections: CONNECTIONS,
      seconds: SECONDS,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    return result(`intake: raw node:http + pg, 2 inserts in one transaction, c${CONNECTIONS}, ${label}`, load);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await pool.end();
  }
}

function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      try {
        resolve(JSON.parse(text) as Record<string, unknown>);
      } catch (error) {
        reject(error as Error);
      }
    });
    request.on('error', reject);
  });
}

function result(name: string, load: Awaited<ReturnType<typeof drive>>): Measurement {
  if (load.non2xx > 0 || load.errors > 0) throw new Error(`${name}: ${load.non2xx} non-2xx answers and ${load.errors} errors`);
  return {
    name,
    operations: load.requests,
    seconds: SECONDS,
    perSecond: load.perSecond,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 102.4) / 10,
    extra: { p50Ms: load.p50Ms, p99Ms: load.p99Ms },
  };
}
