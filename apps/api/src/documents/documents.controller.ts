import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuditContext } from '#audit';
import type { DocumentRecord } from '#persistence';
import { UuidParamPipe } from '../common/id-param.pipe.js';
import { Ctx } from '../common/request-context.decorator.js';
import { Roles } from '../common/roles.decorator.js';
import { DocumentsService } from './documents.service.js';

export class DocumentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ example: 'access_denial' }) template: string;
  @ApiProperty() templateVersion: number;
  @ApiProperty({ description: 'The request version whose action asked for it.' }) requestVersion: number;
  @ApiProperty({ enum: ['en', 'es'] }) language: string;
  @ApiProperty() title: string;
  @ApiProperty() contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ description: 'SHA-256 of the file; also its ETag.' }) sha256: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() href: string;

  static from(document: DocumentRecord): DocumentResponse {
    return {
      id: document.id,
      requestId: document.requestId,
      template: document.template,
      templateVersion: document.templateVersion,
      requestVersion: document.requestVersion,
      language: document.language,
      title: document.title,
      contentType: document.contentType,
      sizeBytes: document.sizeBytes,
      sha256: document.sha256,
      createdAt: document.createdAt.toISOString(),
      href: `/api/v1/documents/${document.id}`,
    };
  }
}

/** Letters and notices made for requests. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Roles('privacy_officer', 'auditor')
  @Get('requests/:id/documents')
  @ApiOkResponse({ type: DocumentResponse, isArray: true })
  async forRequest(@Ctx() context: AuditContext, @Param('id', UuidParamPipe) id: string): Promise<DocumentResponse[]> {
    return (await this.documents.forRequest(context, id)).map(DocumentResponse.from);
  }

  @Roles('privacy_officer', 'auditor')
  @Get('documents/:id')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF, with its SHA-256 as ETag.' })
  async read(
    @Ctx() context: AuditContext,
    @Param('id', UuidParamPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const document = await this.documents.read(context, id);
    void reply.header('etag', `"${document.sha256}"`).header('cache-control', 'private, no-store');
    return new StreamableFile(document.content, {
      type: document.contentType,
      disposition: `inline; filename="${document.template}-${document.requestVersion}.pdf"`,
    });
  }
}
