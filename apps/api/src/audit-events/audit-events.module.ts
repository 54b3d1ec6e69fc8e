import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { AuditEventsController } from './audit-events.controller.js';

@Module({ imports: [AuditModule], controllers: [AuditEventsController] })
export class AuditEventsModule {}
