import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { JobsModule } from '#jobs';
import { PatientsModule } from '../patients/patients.module.js';
import { AccountingModule } from '../accounting/accounting.module.js';
import { clockProvider } from './clock.provider.js';
import { RequestActionsController } from './request-actions.controller.js';
import { RequestActionsService } from './request-actions.service.js';
import { RequestAttachmentsService } from './request-attachments.service.js';
import { RequestLetters } from './request-letters.js';
import { RequestNotesService } from './request-notes.service.js';
import { RequestWorkController } from './request-work.controller.js';
import { RequestsController } from './requests.controller.js';
import { RequestsService } from './requests.service.js';

@Module({
  imports: [AuditModule, JobsModule, PatientsModule, AccountingModule],
  controllers: [RequestsController, RequestActionsController, RequestWorkController],
  providers: [clockProvider, RequestLetters, RequestsService, RequestActionsService, RequestNotesService, RequestAttachmentsService],
  exports: [RequestsService, RequestActionsService],
})
export class RequestsModule {}
