import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditContext } from '#audit';
import type { User } from '#persistence';
import { UuidParamPipe } from '../common/id-param.pipe.js';
import { Ctx, CurrentUser } from '../common/request-context.decorator.js';
import { Roles } from '../common/roles.decorator.js';
import { AssignRequestDto } from './dto/request-work.dto.js';
import { RequestResponse } from './dto/request.response.js';
import { RequestActionsService } from './request-actions.service.js';
import { staffActor } from './request-facts.js';
import { RequestsService } from './requests.service.js';

/** Moves a request through its type's state machine. */
@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests/:id')
export class RequestActionsController {
  constructor(
    private readonly actions: RequestActionsService,
    private readonly requests: RequestsService,
  ) {}

  @Roles('privacy_officer', 'reviewer')
  @Post('actions/:action')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Perform an action',
    description:
      'The actions of each type, their inputs (JSON Schema) and the states that allow them are listed by GET /api/v1/request-types. ' +
      'Send `expectedVersion` to refuse the action when the request changed since you read it.',
  })
  @ApiBody({ schema: { type: 'object', properties: { expectedVersion: { type: 'integer' } }, additionalProperties: true } })
  @ApiOkResponse({ type: RequestResponse })
  @ApiConflictResponse({ description: 'Not allowed in this state (`reason` names the rule) or the version is stale.' })
  async act(
    @Ctx() context: AuditContext,
    @CurrentUser() user: User,
    @Param('id', UuidParamPipe) id: string,
    @Param('action') action: string,
    @Body() body: Record<string, unknown>,
  ): Promise<RequestResponse> {
    await this.actions.act(context, user, id, action, body ?? {});
    const view = await this.requests.get(context, id, user);
    return RequestResponse.detail(view.request, view.events, staffActor(user), new Date(), view.deadlineExplanation);
  }

  @Roles('privacy_officer')
  @Put('assignee')
  @ApiOkResponse({ type: RequestResponse })
  async assign(
    @Ctx() context: AuditContext,
    @CurrentUser() user: User,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: AssignRequestDto,
  ): Promise<RequestResponse> {
    await this.actions.assign(context, id, body.assigneeId, body.expectedVersion);
    const view = await this.requests.get(context, id, user);
    return RequestResponse.detail(view.request, view.events, staffActor(user), new Date(), view.deadlineExplanation);
  }
}
