import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, type AuditContext } from '#audit';
import { DomainError } from '#domain';
import { requestOr404 } from '../requests/request-or-404.js';
import { DocumentRecord, RequestRecord } from '#persistence';

/** Letters made for requests: listed per request, served as stored; every read is audited. */
@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async forRequest(context: AuditContext, requestId: string): Promise<DocumentRecord[]> {
    return this.dataSource.transaction(async (manager) => {
      const request = await requestOr404(manager, requestId);
      const documents = await manager
        .getRepository(DocumentRecord)
        .find({ where: { requestId }, order: { createdAt: 'ASC', requestVersion: 'ASC' } });
      await this.audit.record(manager, context, {
        action: 'document.list',
        targetType: 'request',
        targetId: requestId,
        patientId: request.patientId,
        details: { count: documents.length },
      });
      return documents;
    });
  }

  async read(context: AuditContext, id: string): Promise<DocumentRecord> {
    return this.dataSource.transaction(async (manager) => {
      const document = await manager
        .getRepository(DocumentRecord)
        .createQueryBuilder('d')
        .addSelect('d.content')
        .where('d.id = :id', { id })
        .getOne();
      if (!document) throw new DomainError('NOT_FOUND', 'no such document');
      const request = await manager.getRepository(RequestRecord).findOneByOrFail({ id: document.requestId });
      await this.audit.record(manager, context, {
        action: 'document.read',
        targetType: 'document',
        targetId: id,
        patientId: request.patientId,
      });
      return document;
    });
  }
}
