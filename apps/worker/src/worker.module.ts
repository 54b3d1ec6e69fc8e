import { Module, type DynamicModule } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { AuditModule } from '#audit';
import { AppConfig, ConfigModule } from '#config';
import { JobsModule } from '#jobs';
import { LoggingModule } from '#logging';
import { PersistenceModule } from '#persistence';
import type { Clock } from '#domain';
import { DeadlinesProcessor } from './deadlines/deadlines.processor.js';
import { DocumentsProcessor } from './documents/documents.processor.js';
import { ExportsProcessor } from './exports/exports.processor.js';
import { Mailer } from './notifications/mailer.js';
import { NotificationsProcessor } from './notifications/notifications.processor.js';
import { WebhookClient } from './notifications/webhook.js';
import { RemindersProcessor } from './reminders/reminders.processor.js';
import { RemindersSchedule } from './reminders/reminders.schedule.js';
import { workerClockProvider } from './worker-clock.js';
import { MaintenanceProcessor } from './maintenance/maintenance.processor.js';
import { MaintenanceSchedule } from './maintenance/maintenance.schedule.js';
import { JOB_PROCESSORS } from './runner/job-handler.js';
import { JobRunner } from './runner/job-runner.js';

export interface WorkerModuleOptions {
  config?: AppConfig;
  logDestination?: DestinationStream;
  /** Tests run jobs by hand and leave the repeating schedule off. */
  schedule?: boolean;
  /** Tests fix the time the reminder and export jobs see. */
  clock?: Clock;
}

/** The worker: BullMQ consumers for every queue of the job catalogue. */
@Module({})
export class WorkerModule {
  static forRoot(options: WorkerModuleOptions = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(options.config),
        LoggingModule.forRoot('worker', options.logDestination),
        PersistenceModule.forRoot(),
        JobsModule,
        AuditModule,
      ],
      providers: [
        MaintenanceProcessor,
        DeadlinesProcessor,
        DocumentsProcessor,
        workerClockProvider(options.clock),
        ExportsProcessor,
        RemindersProcessor,
        Mailer,
        WebhookClient,
        NotificationsProcessor,
        {
          provide: JOB_PROCESSORS,
          useFactory: (...processors) => processors,
          inject: [
            MaintenanceProcessor,
            DeadlinesProcessor,
            DocumentsProcessor,
            ExportsProcessor,
            RemindersProcessor,
            NotificationsProcessor,
          ],
        },
        JobRunner,
        ...(options.schedule === false ? [] : [MaintenanceSchedule, RemindersSchedule]),
      ],
      exports: [JobRunner],
    };
  }
}
