import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { AuthModule } from '#auth';
import { JobsModule } from '#jobs';
import { QueueDashboardAccess } from './queue-dashboard-access.service.js';
import { QueueDashboardSessionController } from './queue-dashboard-session.controller.js';

/** The session endpoint and access check of the queue dashboard; registerQueueDashboard mounts bull-board itself. */
@Module({
  imports: [AuthModule, AuditModule, JobsModule],
  controllers: [QueueDashboardSessionController],
  providers: [QueueDashboardAccess],
  exports: [QueueDashboardAccess],
})
export class QueueDashboardModule {}
