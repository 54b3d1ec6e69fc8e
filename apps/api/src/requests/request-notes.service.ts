import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, type AuditContext } from '#audit';
import { requestOr404 } from './request-or-404.js';
import { RequestNote } from '#persistence';

/** Internal notes on a request: staff only, audited, never shown to the patient. */
@Injectable()
export class RequestNotesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async add(context: AuditContext, requestId: string, authorId: string, body: string): Promise<RequestNote> {
    return this.dataSource.transaction(async (manager) => {
      const request = await requestOr404(manager, requestId);
      const note = await manager.getRepository(RequestNote).save(manager.getRepository(RequestNote).create({ requestId, authorId, body }));
      await this.audit.record(manager, context, {
        action: 'request.note.create',
        targetType: 'request_note',
        targetId: note.id,
        patientId: request.patientId,
      });
      return note;
    });
  }

  async list(context: AuditContext, requestId: string): Promise<RequestNote[]> {
    return this.dataSource.transaction(async (manager) => {
      const request = await requestOr404(manager, requestId);
      const notes = await manager.getRepository(RequestNote).find({ where: { requestId }, order: { createdAt: 'ASC' } });
      await this.audit.record(manager, context, {
        action: 'request.note.list',
        targetType: 'request',
        targetId: requestId,
        patientId: request.patientId,
        details: { count: notes.length },
      });
      return notes;
    });
  }
}
