import { Module, type DynamicModule } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { AppConfig, ConfigModule } from '#config';
import { JobsModule } from '#jobs';
import { LoggingModule } from '#logging';
import { PersistenceModule } from '#persistence';
import { AccountingModule } from './accounting/accounting.module.js';
import { AuditEventsModule } from './audit-events/audit-events.module.js';
import { AuthHttpModule } from './auth/auth-http.module.js';
import { DisclosuresModule } from './disclosures/disclosures.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { OrganisationModule } from './organisation/organisation.module.js';
import { PatientsModule } from './patients/patients.module.js';
import { PortalModule } from './portal/portal.module.js';
import { QueueDashboardModule } from './queue-dashboard/queue-dashboard.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { RequestTypesModule } from './request-types/request-types.module.js';
import { RequestsModule } from './requests/requests.module.js';
import { UsersModule } from './users/users.module.js';

export interface ApiModuleOptions {
  config?: AppConfig;
  logDestination?: DestinationStream;
}

/** The HTTP application: admin API, portal and operations endpoints. */
@Module({})
export class ApiModule {
  static forRoot(options: ApiModuleOptions = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(options.config),
        LoggingModule.forRoot('api', options.logDestination),
        PersistenceModule.forRoot(),
        JobsModule,
        HealthModule,
        MetricsModule,
        QueueDashboardModule,
        AuthHttpModule,
        UsersModule,
        AuditEventsModule,
        PatientsModule,
        RequestsModule,
        DisclosuresModule,
        AccountingModule,
        NotificationsModule,
        ExportsModule,
        ReportsModule,
        RequestTypesModule,
        OrganisationModule,
        DocumentsModule,
        PortalModule,
      ],
    };
  }
}
