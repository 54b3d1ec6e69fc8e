import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { DocumentsModule } from '../documents/documents.module.js';
import { RequestsModule } from '../requests/requests.module.js';
import { PortalPages } from './portal-pages.js';
import { PortalRateLimit } from './portal-rate-limit.js';
import { PortalRenderer } from './portal-renderer.js';
import { PortalController } from './portal.controller.js';
import { PortalService } from './portal.service.js';
import { PublicRequestsController } from './public-requests.controller.js';

@Module({
  imports: [AuditModule, RequestsModule, DocumentsModule],
  controllers: [PortalController, PublicRequestsController],
  providers: [PortalPages, PortalRateLimit, PortalRenderer, PortalService],
})
export class PortalModule {}
