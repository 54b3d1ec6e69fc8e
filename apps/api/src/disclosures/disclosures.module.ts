import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { clockProvider } from '../requests/clock.provider.js';
import { DisclosureImportService } from './disclosure-import.service.js';
import { DisclosuresController } from './disclosures.controller.js';
import { DisclosuresService } from './disclosures.service.js';
import { RestrictionConflictNotifier } from './restriction-conflict-notifier.js';

@Module({
  imports: [AuditModule],
  controllers: [DisclosuresController],
  providers: [clockProvider, DisclosuresService, DisclosureImportService, RestrictionConflictNotifier],
  exports: [DisclosuresService],
})
export class DisclosuresModule {}
