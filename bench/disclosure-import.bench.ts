import 'reflect-metadata';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { UsersService } from '#auth';
import { loadConfig } from '#config';
import { dropDatabase, ensureDatabase } from '#persistence';
import { createApiApp } from '../apps/api/src/bootstrap/create-api-app.js';
import { measure, type Measurement } from './measure.js';

/**
 * Disclosure import throughput: `count` NDJSON lines streamed to
 * `POST /api/v1/disclosures/import` over HTTP (parse, validate each line,
 * resolve patients, check restrictions, batched INSERTs with their audit
 * events), against a raw `COPY disclosures FROM STDIN` of the same rows.
 * Synthetic rows only: 1,000 made-up patients, ten disclosures each per 10,000 lines.
 */
const PATIENTS = 1000;

/** Lines sent once before measuring, on both sides, so that neither side's figure is its cold start. */
const WARM_UP = 1_000;

function row(index: number, patientIds: readonly string[], prefix = 'bench') {
  const day = String((index % 28) + 1).padStart(2, '0');
  return {
    patientId: patientIds[index % patientIds.length],
    disclosedAt: `2025-0${(index % 9) + 1}-${day}`,
    recipient: { name: `County Health Department ${index % 50}`, address: `${index % 900} Main Street, Springfield, NY 10001` },
    description: 'Communicable disease report',
    purpose: 'Public health reporting required by state law',
    category: 'public_health',
    sourceSystem: 'bench-ehr',
    sourceId: `${prefix}-${index}`,
  };
}

async function* ndjson(count: number, patientIds: readonly string[], prefix?: string): AsyncGenerator<Buffer> {
  // Chunks of 500 lines: what an HTTP client streaming a file would send.
  for (let start = 0; start < count; start += 500) {
    const lines: string[] = [];
    for (let index = start; index < Math.min(count, start + 500); index += 1) lines.push(JSON.stringify(row(index, patientIds, prefix)));
    yield Buffer.from(`${lines.join('\n')}\n`);
  }
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

async function* copyRows(count: number, patientIds: readonly string[], prefix?: string): AsyncGenerator<string> {
  for (let start = 0; start < count; start += 500) {
    let chunk = '';
    for (let index = start; index < Math.min(count, start + 500); index += 1) {
      const r = row(index, patientIds, prefix);
      chunk += `${[r.patientId, r.disclosedAt, r.recipient.name, r.recipient.address, r.description, r.purpose, r.category, r.sourceSystem, r.sourceId, 'system:bench'].map(csvField).join(',')}\n`;
    }
    yield chunk;
  }
}

export async function disclosureImportBench(side: 'product' | 'raw', count: number): Promise<Measurement> {
  const base = loadConfig();
  const url = new URL(base.database.url);
  url.pathname = `/prd_bench_import_${process.pid}`;
  await dropDatabase(url.toString());
  await ensureDatabase(url.toString());
  const config = base.with({ database: { url: url.toString() }, redis: { prefix: `prd_bench_${process.pid}` } });
  const app = await createApiApp({ config, logDestination: { write: () => true } as never });
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    await dataSource.runMigrations({ transaction: 'each' });
    const patientIds: string[] = (
      await dataSource.query(
        `INSERT INTO patients (given_name, family_name, date_of_birth)
         SELECT 'Bench', 'Patient ' || n, date '1970-01-01' + n FROM generate_series(1, $1::int) AS n RETURNING id`,
        [PATIENTS],
      )
    ).map((patient: { id: string }) => patient.id);

    if (side === 'product') {
      const password = 'Tr0ub4dor-Quill-2026!';
      await app
        .get(UsersService)
        .create({ actor: 'system:bench' }, { email: 'feed@clinic.example', name: 'EHR feed', roles: ['integration'], password });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.getHttpServer().address() as { port: number };
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'feed@clinic.example', password }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const send = async (lines: number, prefix?: string) => {
        const response = await fetch(`http://127.0.0.1:${port}/api/v1/disclosures/import`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${accessToken}` },
          body: Readable.toWeb(Readable.from(ndjson(lines, patientIds, prefix))) as ReadableStream,
          duplex: 'half',
        } as RequestInit);
        const report = (await response.json()) as { imported: number };
        if (report?.imported !== lines) throw new Error(`the import recorded ${JSON.stringify(report)}`);
      };
      await send(WARM_UP, 'warm-up');
      return await measure(`disclosure import: ${count} NDJSON lines over HTTP (product)`, count, () => send(count));
    }

    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const copy = async (rows: number, prefix?: string) => {
        const stream = client.query(
          copyFrom(
            `COPY disclosures (patient_id, disclosed_on, recipient_name, recipient_address, description, purpose, category, source_system, source_id, recorded_by) FROM STDIN (FORMAT csv)`,
          ),
        );
        await pipeline(Readable.from(copyRows(rows, patientIds, prefix)), stream);
      };
      await copy(WARM_UP, 'warm-up');
      return await measure(`disclosure import: raw COPY of the same ${count} rows`, count, () => copy(count));
    } finally {
      await client.end();
    }
  } finally {
    await app.close();
    await dropDatabase(url.toString());
  }
}
