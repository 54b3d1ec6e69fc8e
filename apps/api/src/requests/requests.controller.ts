import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuditContext } from '#audit';
import type { User } from '#persistence';
import { UuidParamPipe } from '../common/id-param.pipe.js';
import { Ctx, CurrentUser } from '../common/request-context.decorator.js';
import { Roles } from '../common/roles.decorator.js';
import { CreateRequestDto } from './dto/create-request.dto.js';
import { ListRequestsQueryDto } from './dto/list-requests-query.dto.js';
import { RequestPageResponse, RequestResponse } from './dto/request.response.js';
import { staffActor } from './request-facts.js';
import { RequestsService } from './requests.service.js';

/** Patient-rights requests: staff intake, the work queue, one request with its timeline. */
@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  @Roles('privacy_officer')
  @Post()
  @ApiCreatedResponse({ type: RequestResponse })
  async create(@Ctx() context: AuditContext, @CurrentUser() user: User, @Body() body: CreateRequestDto): Promise<RequestResponse> {
    const view = await this.requests.create(context, body);
    return RequestResponse.detail(view.request, view.events, staffActor(user), new Date(), view.deadlineExplanation);
  }

  @Roles('privacy_officer', 'auditor', 'reviewer')
  @Get()
  @ApiOkResponse({
    type: RequestPageResponse,
    description: 'Open requests first, by due date; then closed ones, most recently closed first. Reviewers see only their reviews.',
  })
  async list(@Ctx() context: AuditContext, @CurrentUser() user: User, @Query() query: ListRequestsQueryDto): Promise<RequestPageResponse> {
    const page = await this.requests.list(context, user, query);
    const now = new Date();
    return { items: page.items.map((row) => RequestResponse.summary(row, now)), nextCursor: page.nextCursor };
  }

  @Roles('privacy_officer', 'auditor', 'reviewer')
  @Get(':id')
  @ApiOkResponse({ type: RequestResponse })
  async get(@Ctx() context: AuditContext, @CurrentUser() user: User, @Param('id', UuidParamPipe) id: string): Promise<RequestResponse> {
    const view = await this.requests.get(context, id, user);
    return RequestResponse.detail(view.request, view.events, staffActor(user), new Date(), view.deadlineExplanation);
  }
}
