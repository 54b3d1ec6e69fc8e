import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { JobsModule } from '#jobs';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';

@Module({ imports: [AuditModule, JobsModule], controllers: [ExportsController], providers: [ExportsService] })
export class ExportsModule {}
