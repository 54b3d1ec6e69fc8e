import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { clockProvider } from '../requests/clock.provider.js';
import { ReportsController } from './reports.controller.js';

@Module({ imports: [AuditModule], controllers: [ReportsController], providers: [clockProvider] })
export class ReportsModule {}
