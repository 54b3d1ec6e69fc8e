import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import PDFDocument from 'pdfkit';
import { Writable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { loadConfig } from '#config';
import { FONTS } from '#documents';
import { dropDatabase, ensureDatabase } from '#persistence';
import { JobRunner } from '../apps/worker/src/runner/job-runner.js';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { measure, type Measurement } from './measure.js';

/**
 * Audit-log export: `count` synthetic events exported to PDF by the worker's
 * `export.build` (keyset pages, cover with the chain check, streamed into
 * export_chunks), against raw PDFKit writing the same rows, read the same way,
 * one line each, to a stream that discards them. Peak RSS is the worker's.
 */
export async function auditExportBench(side: 'product' | 'raw', count: number): Promise<Measurement> {
  const base = loadConfig();
  const url = new URL(base.database.url);
  url.pathname = `/prd_bench_export_${process.pid}`;
  await dropDatabase(url.toString());
  await ensureDatabase(url.toString());
  const config = base.with({ database: { url: url.toString() }, redis: { prefix: `prd_bench_${process.pid}` } });
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({ config, schedule: false, logDestination: { write: () => true } as never }),
    {
      logger: false,
      abortOnError: false,
    },
  );
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query(
      `INSERT INTO audit_events (occurred_at, actor, action, target_type, target_id, patient_id, outcome, client_address, request_id, details)
       SELECT timestamptz '2026-01-01' + n * interval '1 second', 'user:' || md5((n % 40)::text)::uuid, 'request.read', 'request',
              md5(n::text)::uuid::text, md5((n % 5000)::text)::uuid, 'success', '10.0.0.' || (n % 250), 'req-' || n,
              jsonb_build_object('version', n % 9)
         FROM generate_series(1, $1::int) AS n`,
      [count],
    );
    await dataSource.query(`ANALYZE audit_events`);
    const from = '2026-01-01T00:00:00.000Z';
    const to = '2026-12-31T00:00:00.000Z';

    if (side === 'product') {
      const [{ id }] = (await dataSource.query(
        `INSERT INTO exports (kind, format, filter, requested_by) VALUES ('audit_log', 'pdf', $1, 'system:bench') RETURNING id`,
        [{ from, to }],
      )) as { id: string }[];
      const result = await measure(`audit-log export: ${count} events to PDF by the worker (product)`, count, async () => {
        await app.get(JobRunner).run('export.build', { exportId: id });
      });
      const [{ size_bytes: size }] = (await dataSource.query(`SELECT size_bytes FROM exports WHERE id = $1`, [id])) as {
        size_bytes: string;
      }[];
      return { ...result, extra: { outputMb: Math.round(Number(size) / 1e5) / 10 } };
    }

    return await measure(`audit-log export: raw PDFKit, the same ${count} rows, one line each`, count, async () => {
      let bytes = 0;
      const sink = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          bytes += chunk.length;
          callback();
        },
      });
      const doc = new PDFDocument({ size: 'LETTER', layout: 'landscape', margin: 36 });
      doc.registerFont('regular', FONTS.regular);
      doc.pipe(sink);
      doc.font('regular').fontSize(7);
      let after: [string, string] | null = null;
      for (;;) {
        const page = (await dataSource.query(
          `SELECT e.id::text AS id, e.occurred_at::text AS occurred_raw, e.actor, e.action, e.target_type, e.target_id, e.patient_id, e.outcome
             FROM audit_events e WHERE e.occurred_at >= $1 AND e.occurred_at < $2
              ${after ? 'AND (e.occurred_at, e.id) > ($3::timestamptz, $4::bigint)' : ''}
            ORDER BY e.occurred_at, e.id LIMIT 2000`,
          after ? [from, to, ...after] : [from, to],
        )) as {
          id: string;
          occurred_raw: string;
          actor: string;
          action: string;
          target_type: string;
          target_id: string;
          patient_id: string;
          outcome: string;
        }[];
        if (page.length === 0) break;
        for (const row of page) {
          if (doc.y > doc.page.height - 48) doc.addPage();
          doc.text(
            `${row.occurred_raw}  ${row.actor}  ${row.action}  ${row.target_type} ${row.target_id}  ${row.patient_id}  ${row.outcome}`,
            {
              lineBreak: false,
            },
          );
          doc.moveDown(0.2);
        }
        const last = page[page.length - 1];
        after = [last.occurred_raw, last.id];
        if (!sink.writableNeedDrain) continue;
        await new Promise((resolve) => sink.once('drain', resolve));
      }
      doc.end();
      await new Promise((resolve) => sink.on('finish', resolve));
      if (bytes === 0) throw new Error('the raw export wrote nothing');
    });
  } finally {
    await app.close();
    await dropDatabase(url.toString());
  }
}
