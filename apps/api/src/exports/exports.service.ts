import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type AuditContext } from '#audit';
import { AppConfig } from '#config';
import { DomainError, addCalendarDays, endOfDayIn } from '#domain';
import { OutboxService } from '#jobs';
import { ExportRecord, Patient, RequestRecord, User, type ExportFilter } from '#persistence';
import type { CreateExportDto } from './dto/create-export.dto.js';

/**
 * Compliance exports: asked for here, built by the worker (`export.build`),
 * downloaded from here piece by piece. Every request and download is audited.
 */
@Injectable()
export class ExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  async create(context: AuditContext, input: CreateExportDto): Promise<ExportRecord> {
    const format = input.format ?? 'pdf';
    return this.dataSource.transaction(async (manager) => {
      const filter = await this.filterFor(manager, input, format);
      const repository = manager.getRepository(ExportRecord);
      const record = await repository.save(repository.create({ kind: input.kind, format, filter, requestedBy: context.actor }));
      await this.outbox.add(manager, [{ name: 'export.build', data: { exportId: record.id }, jobId: `export-${record.id}` }]);
      await this.audit.record(manager, context, {
        action: 'export.request',
        targetType: 'export',
        targetId: record.id,
        patientId: filter.patientId ?? null,
        details: { kind: record.kind, format },
      });
      return record;
    });
  }

  async get(id: string): Promise<ExportRecord> {
    const record = await this.dataSource.getRepository(ExportRecord).findOneBy({ id });
    if (!record) throw new DomainError('NOT_FOUND', 'no such export');
    return record;
  }

  async list(): Promise<ExportRecord[]> {
    return this.dataSource.getRepository(ExportRecord).find({ order: { createdAt: 'DESC', id: 'DESC' }, take: 100 });
  }

  /** The file, read a megabyte at a time as the client takes it; the download is audited. */
  async download(context: AuditContext, id: string): Promise<{ record: ExportRecord; file: Readable }> {
    const record = await this.get(id);
    if (record.status === 'expired') throw new DomainError('GONE', 'this export has expired; ask for it again');
    if (record.status !== 'done') {
      throw new DomainError('CONFLICT', `this export is not ready (${record.status}, ${record.progress} %)`, [], undefined, {
        code: 'EXPORT_NOT_READY',
      });
    }
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, context, {
        action: 'export.download',
        targetType: 'export',
        targetId: id,
        patientId: record.filter.patientId ?? null,
        details: { kind: record.kind, format: record.format, sha256: record.sha256 },
      }),
    );
    const dataSource = this.dataSource;
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let seq = 0; ; seq += 1) {
        const rows = (await dataSource.query(`SELECT data FROM export_chunks WHERE export_id = $1 AND seq = $2`, [id, seq])) as {
          data: Buffer;
        }[];
        if (rows.length === 0) return;
        yield rows[0].data;
      }
    }
    return { record, file: Readable.from(chunks()) };
  }

  /** Checks what each kind needs and states the filter as the worker reads it. */
  private async filterFor(manager: EntityManager, input: CreateExportDto, format: 'pdf' | 'csv'): Promise<ExportFilter> {
    const refuse = (field: string, message: string): never => {
      throw new DomainError('INVALID_INPUT', message, [{ field, message }]);
    };
    const unexpected = (fields: (keyof CreateExportDto)[]) => {
      for (const field of fields) if (input[field] !== undefined) refuse(field, `${field} does not apply to a ${input.kind} export`);
    };
    if (input.kind === 'case_file') {
      unexpected(['from', 'to', 'patientId', 'userId']);
      if (format !== 'pdf') refuse('format', 'a case file is a PDF');
      if (!input.requestId) refuse('requestId', 'requestId is required for a case file');
      if (!(await manager.getRepository(RequestRecord).existsBy({ id: input.requestId })))
        refuse('requestId', 'requestId names no request');
      return { requestId: input.requestId };
    }
    if (!input.from) refuse('from', 'from is required');
    if (!input.to) refuse('to', 'to is required');
    const from = input.from as string;
    const to = input.to as string;
    if (from > to) refuse('to', 'to must be on or after from');
    if (input.kind === 'request_register') {
      unexpected(['patientId', 'userId', 'requestId']);
      return { from, to };
    }
    unexpected(['requestId']);
    if (input.patientId && !(await manager.getRepository(Patient).existsBy({ id: input.patientId }))) {
      refuse('patientId', 'patientId names no patient');
    }
    if (input.userId && !(await manager.getRepository(User).existsBy({ id: input.userId }))) refuse('userId', 'userId names no user');
    // Days in the organisation's zone become instants: the first of `from` up to the first of the day after `to`.
    const zone = this.config.organisation.timeZone;
    const startOf = (date: string) => new Date(endOfDayIn(addCalendarDays(date, -1), zone).getTime() + 1).toISOString();
    return {
      from: startOf(from),
      to: startOf(addCalendarDays(to, 1)),
      ...(input.patientId ? { patientId: input.patientId } : {}),
      ...(input.userId ? { actor: `user:${input.userId}` } : {}),
    };
  }
}
