import { Module, type DynamicModule } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { AuditModule } from '#audit';
import { AppConfig, ConfigModule } from '#config';
import { JobsModule } from '#jobs';
import { LoggingModule } from '#logging';
import { PersistenceModule } from '#persistence';
import { DeadlinesProcessor } from './deadlines/deadlines.processor.js';
import { DocumentsProcessor } from './documents/documents.processor.js';
import { ExportsProcessor, exportsClockProvider } from './exports/exports.processor.js';
import { MaintenanceProcessor } from './maintenance/maintenance.processor.js';
import { MaintenanceSchedule } from './maintenance/maintenance.schedule.js';
import { JOB_PROCESSORS } from './runner/job-handler.js';
import { JobRunner } from './runner/job-runner.js';

export interface WorkerModuleOptions {
  config?: AppConfig;
  logDestination?: DestinationStream;
  /** Tests run jobs by hand and leave the repeating schedule off. */
  schedule?: boolean;
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
        exportsClockProvider,
        ExportsProcessor,
        {
          provide: JOB_PROCESSORS,
          useFactory: (...processors) => processors,
          inject: [MaintenanceProcessor, DeadlinesProcessor, DocumentsProcessor, ExportsProcessor],
        },
        JobRunner,
        ...(options.schedule === false ? [] : [MaintenanceSchedule]),
      ],
      exports: [JobRunner],
    };
  }
}
