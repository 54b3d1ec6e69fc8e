import type {} from '@fastify/cookie';
import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuditContext } from '#audit';
import { AppConfig } from '#config';
import type { User } from '#persistence';
import { Ctx, CurrentUser } from '../common/request-context.decorator.js';
import { Roles } from '../common/roles.decorator.js';
import { QueueDashboardAccess } from './queue-dashboard-access.service.js';
import { QUEUE_DASHBOARD_COOKIE, QUEUE_DASHBOARD_PATH, QUEUE_DASHBOARD_SESSION_SECONDS } from './queue-dashboard.constants.js';

/** Opens the queue dashboard (bull-board, /admin/queues) in a browser, which cannot send a bearer header. */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin/queue-dashboard-session')
export class QueueDashboardSessionController {
  constructor(
    private readonly access: QueueDashboardAccess,
    private readonly config: AppConfig,
  ) {}

  @Roles('admin')
  @Post()
  @HttpCode(204)
  @ApiNoContentResponse({
    description: `Sets the HttpOnly, SameSite=Strict cookie ${QUEUE_DASHBOARD_COOKIE} for ${QUEUE_DASHBOARD_PATH}, valid ${QUEUE_DASHBOARD_SESSION_SECONDS / 60} minutes.`,
  })
  async open(@Ctx() context: AuditContext, @CurrentUser() user: User, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const value = await this.access.openSession(context, user);
    void reply
      .setCookie(QUEUE_DASHBOARD_COOKIE, value, {
        signed: true,
        httpOnly: true,
        sameSite: 'strict',
        path: QUEUE_DASHBOARD_PATH,
        maxAge: QUEUE_DASHBOARD_SESSION_SECONDS,
        secure: this.config.env === 'production',
      })
      .header('cache-control', 'no-store');
  }
}
