import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { STAFF_ROLES } from '#auth';
import type { User } from '#persistence';
import { UuidParamPipe } from '../common/id-param.pipe.js';
import { CurrentUser } from '../common/request-context.decorator.js';
import { Roles } from '../common/roles.decorator.js';
import { NotificationsService } from './notifications.service.js';

export class NotificationsQueryDto {
  @ApiPropertyOptional({ description: 'Only those not yet marked read.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class NotificationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'disclosure.restriction_conflict' }) kind: string;
  @ApiProperty({ description: 'Plain words; never patient data.' }) subject: string;
  @ApiProperty({ description: 'The API path of what needs attention.' }) link: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
}

export class NotificationListResponse {
  @ApiProperty({ type: NotificationResponse, isArray: true }) items: NotificationResponse[];
}

/** The signed-in staff user's own in-app notifications, newest first. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Roles(...STAFF_ROLES)
  @Get()
  @ApiOkResponse({ type: NotificationListResponse })
  async list(@CurrentUser() user: User, @Query() query: NotificationsQueryDto): Promise<NotificationListResponse> {
    return { items: await this.notifications.list(user.id, query.unread === true) };
  }

  @Roles(...STAFF_ROLES)
  @Post(':id/read')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Marked read (again is harmless); 404 for another user’s notification.' })
  async markRead(@CurrentUser() user: User, @Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.notifications.markRead(user.id, id);
  }
}
