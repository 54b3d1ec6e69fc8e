import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditReader, AuditVerifier, type AuditContext } from '#audit';
import { Ctx } from '../common/request-context.decorator.js';
import { Roles } from '../common/roles.decorator.js';
import { AuditEventsQueryDto, VerifyQueryDto } from './dto/audit-events-query.dto.js';
import { AuditEventPageResponse, AuditEventResponse, VerifyResponse } from './dto/audit-event.response.js';

/** The audit log: who touched what, and proof that the log itself was not edited. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor', 'privacy_officer', 'admin')
@Controller('audit-events')
export class AuditEventsController {
  constructor(
    private readonly reader: AuditReader,
    private readonly verifier: AuditVerifier,
  ) {}

  @Get()
  @ApiOkResponse({ type: AuditEventPageResponse })
  async list(@Ctx() context: AuditContext, @Query() query: AuditEventsQueryDto): Promise<AuditEventPageResponse> {
    const page = await this.reader.list(context, {
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      actor: query.actorId ? `user:${query.actorId}` : undefined,
      patientId: query.patientId,
      action: query.action,
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: page.items.map(AuditEventResponse.from), nextCursor: page.nextCursor };
  }

  @Get('verify')
  @ApiOkResponse({ type: VerifyResponse })
  async verify(@Ctx() context: AuditContext, @Query() query: VerifyQueryDto): Promise<VerifyResponse> {
    return this.verifier.verifyAs(context, {
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    });
  }
}
