import { Body, Controller, Get, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuditContext } from '#audit';
import type { RequestAttachment, RequestNote, User } from '#persistence';
import { UuidParamPipe } from '../common/id-param.pipe.js';
import { Ctx, CurrentUser } from '../common/request-context.decorator.js';
import { Roles } from '../common/roles.decorator.js';
import { CreateAttachmentDto, CreateNoteDto } from './dto/request-work.dto.js';
import { RequestAttachmentsService } from './request-attachments.service.js';
import { RequestNotesService } from './request-notes.service.js';

export class NoteResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) authorId: string;
  @ApiProperty() body: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(note: RequestNote): NoteResponse {
    return { id: note.id, authorId: note.authorId, body: note.body, createdAt: note.createdAt.toISOString() };
  }
}

export class AttachmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() kind: string;
  @ApiProperty() description: string;
  @ApiProperty() filename: string;
  @ApiProperty() contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty() uploadedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(row: RequestAttachment): AttachmentResponse {
    return {
      id: row.id,
      kind: row.kind,
      description: row.description,
      filename: row.filename,
      contentType: row.contentType,
      sizeBytes: row.sizeBytes,
      sha256: row.sha256,
      uploadedBy: row.uploadedBy,
      createdAt: row.createdAt.toISOString(),
    };
  }
}

/** Internal notes and the documents relied on, per request. */
@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests/:id')
export class RequestWorkController {
  constructor(
    private readonly notes: RequestNotesService,
    private readonly attachments: RequestAttachmentsService,
  ) {}

  @Roles('privacy_officer')
  @Post('notes')
  @ApiCreatedResponse({ type: NoteResponse })
  async addNote(
    @Ctx() context: AuditContext,
    @CurrentUser() user: User,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: CreateNoteDto,
  ): Promise<NoteResponse> {
    return NoteResponse.from(await this.notes.add(context, id, user.id, body.body));
  }

  @Roles('privacy_officer', 'auditor')
  @Get('notes')
  @ApiOkResponse({ type: NoteResponse, isArray: true })
  async listNotes(@Ctx() context: AuditContext, @Param('id', UuidParamPipe) id: string): Promise<NoteResponse[]> {
    return (await this.notes.list(context, id)).map(NoteResponse.from);
  }

  @Roles('privacy_officer')
  @Post('attachments')
  @ApiCreatedResponse({ type: AttachmentResponse })
  async addAttachment(
    @Ctx() context: AuditContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: CreateAttachmentDto,
  ): Promise<AttachmentResponse> {
    return AttachmentResponse.from(await this.attachments.add(context, id, body));
  }

  @Roles('privacy_officer', 'auditor')
  @Get('attachments')
  @ApiOkResponse({ type: AttachmentResponse, isArray: true })
  async listAttachments(@Ctx() context: AuditContext, @Param('id', UuidParamPipe) id: string): Promise<AttachmentResponse[]> {
    return (await this.attachments.list(context, id)).map(AttachmentResponse.from);
  }

  @Roles('privacy_officer', 'auditor')
  @Get('attachments/:attachmentId')
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'text/plain')
  @ApiOkResponse({ description: 'The file.' })
  async readAttachment(
    @Ctx() context: AuditContext,
    @Param('id', UuidParamPipe) id: string,
    @Param('attachmentId', UuidParamPipe) attachmentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.attachments.read(context, id, attachmentId);
    void reply.header('etag', `"${file.sha256}"`).header('cache-control', 'no-store');
    return new StreamableFile(file.content, {
      type: file.contentType,
      disposition: `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    });
  }
}
