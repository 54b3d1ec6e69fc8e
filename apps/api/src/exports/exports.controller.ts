import { Body, Controller, Get, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuditContext } from '#audit';
import { UuidParamPipe } from '../common/id-param.pipe.js';
import { Ctx } from '../common/request-context.decorator.js';
import { Roles } from '../common/roles.decorator.js';
import { CreateExportDto } from './dto/create-export.dto.js';
import { ExportListResponse, ExportResponse } from './dto/export.response.js';
import { ExportsService } from './exports.service.js';

/** Compliance exports for auditors and the privacy office: asked for, built in the background, downloaded. */
@ApiTags('exports')
@ApiBearerAuth()
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Roles('auditor', 'privacy_officer')
  @Post()
  @ApiAcceptedResponse({ type: ExportResponse, description: 'Queued; poll GET /exports/{id} for progress.' })
  async create(
    @Ctx() context: AuditContext,
    @Body() body: CreateExportDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ExportResponse> {
    const record = await this.exports.create(context, body);
    void reply.status(202).header('location', `/api/v1/exports/${record.id}`);
    return ExportResponse.from(record);
  }

  @Roles('auditor', 'privacy_officer')
  @Get()
  @ApiOkResponse({ type: ExportListResponse, description: 'The 100 most recent exports.' })
  async list(): Promise<ExportListResponse> {
    return { items: (await this.exports.list()).map(ExportResponse.from) };
  }

  @Roles('auditor', 'privacy_officer')
  @Get(':id')
  @ApiOkResponse({ type: ExportResponse })
  async get(@Param('id', UuidParamPipe) id: string): Promise<ExportResponse> {
    return ExportResponse.from(await this.exports.get(id));
  }

  @Roles('auditor', 'privacy_officer')
  @Get(':id/file')
  @ApiProduces('application/pdf', 'text/csv')
  @ApiOkResponse({ description: 'The file, streamed; 409 while it is being made, 410 once expired.' })
  async file(
    @Ctx() context: AuditContext,
    @Param('id', UuidParamPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { record, file } = await this.exports.download(context, id);
    const name = [record.kind.replace(/_/g, '-'), record.filter.from?.slice(0, 10), record.filter.to?.slice(0, 10), record.id.slice(0, 8)]
      .filter(Boolean)
      .join('-');
    void reply.header('etag', `"${record.sha256}"`).header('cache-control', 'private, no-store');
    return new StreamableFile(file, {
      type: record.format === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${name}.${record.format}"`,
      length: record.sizeBytes === null ? undefined : Number(record.sizeBytes),
    });
  }
}
