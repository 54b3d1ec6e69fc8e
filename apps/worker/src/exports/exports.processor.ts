import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { once } from 'node:events';
import { DataSource } from 'typeorm';
import { AuditService, AuditVerifier } from '#audit';
import { AppConfig } from '#config';
import { calendarDateIn, type Clock } from '#domain';
import type { JobPayloads } from '#jobs';
import { ExportRecord, OrganisationProfile } from '#persistence';
import type { JobOutcome, JobProcessor } from '../runner/job-handler.js';
import { buildAuditLogExport } from './audit-log.export.js';
import { buildCaseFileExport } from './case-file.export.js';
import type { ExportContext } from './export-context.js';
import { ExportFileSink } from './export-file-sink.js';
import { ExportProgress } from './export-progress.js';
import { buildRequestRegisterExport } from './request-register.export.js';
import { WORKER_CLOCK } from '../worker-clock.js';

/**
 * Jobs of the `exports` queue. `export.build` makes the file of one export
 * and stores it in pieces; a retry starts again from nothing. `export.expire`
 * deletes the files of exports past their time.
 */
@Injectable()
export class ExportsProcessor implements JobProcessor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly verifier: AuditVerifier,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    @Inject(WORKER_CLOCK) private readonly clock: Clock,
  ) {}

  readonly handlers = {
    'export.build': ({ exportId }: JobPayloads['export.build'], job?: Job): Promise<JobOutcome> => this.build(exportId, job),
    'export.expire': async (): Promise<JobOutcome> => {
      const expired = (await this.dataSource.query(
        `UPDATE exports SET status = 'expired' WHERE status = 'done' AND expires_at <= now() RETURNING id`,
      )) as [{ id: string }[], number];
      const ids = expired[0].map((row) => row.id);
      if (ids.length) await this.dataSource.query(`DELETE FROM export_chunks WHERE export_id = ANY($1::uuid[])`, [ids]);
      return { status: ids.length ? 'done' : 'skipped', expired: ids.length };
    },
  };

  private async build(exportId: string, job: Job | undefined): Promise<JobOutcome> {
    const record = await this.dataSource.getRepository(ExportRecord).findOneBy({ id: exportId });
    if (!record) return { status: 'skipped', why: 'gone' };
    if (record.status === 'done' || record.status === 'expired') return { status: 'skipped', why: record.status };
    // A retry starts again: what an earlier attempt stored is thrown away.
    await this.dataSource.query(`DELETE FROM export_chunks WHERE export_id = $1`, [exportId]);
    await this.dataSource.query(
      `UPDATE exports SET status = 'running', started_at = now(), progress = 0, rows_done = 0, error = NULL WHERE id = $1`,
      [exportId],
    );
    const now = this.clock.now();
    const sink = new ExportFileSink(this.dataSource, exportId);
    const progress = new ExportProgress(this.dataSource, exportId, job, 0);
    const organisation = await this.dataSource.getRepository(OrganisationProfile).findOneBy({ id: 1 });
    const context: ExportContext = {
      dataSource: this.dataSource,
      record,
      sink,
      progress,
      organisationName: organisation?.legalName ?? 'Organisation not configured',
      timeZone: this.config.organisation.timeZone,
      today: calendarDateIn(now, this.config.organisation.timeZone),
      generatedAt: now.toISOString(),
    };
    try {
      if (record.kind === 'audit_log') await buildAuditLogExport(context, this.verifier);
      else if (record.kind === 'request_register') await buildRequestRegisterExport(context);
      else await buildCaseFileExport(context);
      if (!sink.writableFinished) await once(sink, 'finish');
    } catch (error) {
      sink.destroy();
      const attemptsLeft = (job?.opts?.attempts ?? 1) - (job?.attemptsMade ?? 0) - 1;
      await this.dataSource.query(`UPDATE exports SET status = $2, error = $3 WHERE id = $1`, [
        exportId,
        attemptsLeft > 0 ? 'queued' : 'failed',
        'the export could not be made; ask for it again, or see the worker log by its id',
      ]);
      throw error;
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE exports SET status = 'done', progress = 100, rows_done = COALESCE(rows_total, rows_done), finished_at = now(),
                expires_at = now() + make_interval(hours => $2), size_bytes = $3, sha256 = $4
          WHERE id = $1`,
        [exportId, this.config.exports.ttlHours, sink.bytes, sink.sha256],
      );
      await this.audit.record(
        manager,
        { actor: 'system:exports' },
        {
          action: 'export.create',
          targetType: 'export',
          targetId: exportId,
          patientId: record.filter.patientId ?? null,
          details: { kind: record.kind, format: record.format, sizeBytes: sink.bytes, sha256: sink.sha256 },
        },
      );
    });
    return { status: 'done', exportId, bytes: sink.bytes };
  }
}
