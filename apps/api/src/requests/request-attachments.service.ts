import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService, type AuditContext } from '#audit';
import { DomainError } from '#domain';
import { requestOr404 } from './request-or-404.js';
import { RequestAttachment, RequestRecord } from '#persistence';
import type { CreateAttachmentDto } from './dto/request-work.dto.js';

/** Documents relied on for identity or authority, kept in the database with their SHA-256. */
@Injectable()
export class RequestAttachmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async add(context: AuditContext, requestId: string, input: CreateAttachmentDto): Promise<RequestAttachment> {
    const content = Buffer.from(input.contentBase64, 'base64');
    if (content.length === 0)
      throw new DomainError('INVALID_INPUT', 'the file is empty', [{ field: 'contentBase64', message: 'contentBase64 is empty' }]);
    return this.dataSource.transaction(async (manager) => {
      const request = await requestOr404(manager, requestId);
      const saved = await manager.getRepository(RequestAttachment).save(
        manager.getRepository(RequestAttachment).create({
          requestId,
          kind: input.kind,
          description: input.description,
          filename: input.filename,
          contentType: input.contentType,
          sizeBytes: content.length,
          sha256: createHash('sha256').update(content).digest('hex'),
          content,
          uploadedBy: context.actor,
        }),
      );
      await this.audit.record(manager, context, {
        action: 'request.attachment.create',
        targetType: 'request_attachment',
        targetId: saved.id,
        patientId: request.patientId,
        details: { kind: input.kind, sizeBytes: content.length },
      });
      const { content: _omitted, ...metadata } = saved;
      return metadata as RequestAttachment;
    });
  }

  async list(context: AuditContext, requestId: string): Promise<RequestAttachment[]> {
    return this.dataSource.transaction(async (manager) => {
      const request = await requestOr404(manager, requestId);
      const rows = await manager.getRepository(RequestAttachment).find({ where: { requestId }, order: { createdAt: 'ASC' } });
      await this.audit.record(manager, context, {
        action: 'request.attachment.list',
        targetType: 'request',
        targetId: requestId,
        patientId: request.patientId,
        details: { count: rows.length },
      });
      return rows;
    });
  }

  /** The file itself; reading it is an audited access to patient data. */
  async read(context: AuditContext, requestId: string, attachmentId: string): Promise<RequestAttachment> {
    return this.dataSource.transaction(async (manager) => {
      const attachment = await manager
        .getRepository(RequestAttachment)
        .createQueryBuilder('a')
        .addSelect('a.content')
        .where('a.id = :attachmentId AND a.request_id = :requestId', { attachmentId, requestId })
        .getOne();
      if (!attachment) throw new DomainError('NOT_FOUND', 'no such attachment');
      const request = await manager.getRepository(RequestRecord).findOneByOrFail({ id: requestId });
      await this.audit.record(manager, context, {
        action: 'request.attachment.read',
        targetType: 'request_attachment',
        targetId: attachmentId,
        patientId: request.patientId,
      });
      return attachment;
    });
  }
}
