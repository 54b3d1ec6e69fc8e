import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import PDFDocument from 'pdfkit';
import { Writable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { loadConfig } from '#config';
import { FONTS } from '#documents';
import { JobRunner } from '../apps/worker/src/runner/job-runner.js';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { benchConfig } from './bench-api.js';
import { openDataset, type DatasetName } from './dataset.js';
import { measure, type Measurement } from './measure.js';

/**
 * Audit-log export: the dataset's chained audit events (100,000 or 1,000,000)
 * exported to PDF by the worker's `export.build` (keyset pages, a cover with
 * the chain verified over the period, streamed into export_chunks), against
 * raw PDFKit writing the same rows, read the same way, one line each, to a
 * stream that discards them. Peak RSS is the worker's.
 */
export async function auditExportBench(side: 'product' | 'raw', datasetName: DatasetName): Promise<Measurement> {
  const base = loadConfig();
  const dataset = await openDataset(datasetName, base.database.url);
  const count = dataset.size.auditEvents;
  const config = benchConfig(base, dataset.url);
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({ config, schedule: false, logDestination: { write: () => true } as never }),
    {
      logger: false,
      abortOnError: false,
    },
  );
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    // The seeded events are ids 1..count; the other benches' reads and writes come after them.
    const [period] = (await dataSource.query(
      `SELECT min(occurred_at) AS "from", max(occurred_at) + interval '1 millisecond' AS "to" FROM audit_events WHERE id <= $1`,
      [count],
    )) as { from: Date; to: Date }[];
    const from = period.from.toISOString();
    const to = period.to.toISOString();

    if (side === 'product') {
      const [{ id }] = (await dataSource.query(
        `INSERT INTO exports (kind, format, filter, requested_by) VALUES ('audit_log', 'pdf', $1, 'system:bench') RETURNING id`,
        [{ from, to }],
      )) as { id: string }[];
      const result = await measure(`audit-log export: ${count} events to PDF by the worker (product)`, count, async () => {
        await app.get(JobRunner).run('export.build', { exportId: id });
      });
      const [{ size_bytes: size, rows_total: rows }] = (await dataSource.query(`SELECT size_bytes, rows_total FROM exports WHERE id = $1`, [
        id,
      ])) as { size_bytes: string; rows_total: number }[];
      if (rows !== count) throw new Error(`the export counted ${rows} events, not ${count}`);
      // The file is not kept: the dataset stays the size it was seeded.
      await dataSource.query(`DELETE FROM export_chunks WHERE export_id = $1`, [id]);
      await dataSource.query(`DELETE FROM exports WHERE id = $1`, [id]);
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
  }
}
