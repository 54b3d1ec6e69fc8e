import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfig } from '#config';
import { httpLoggerOptions } from './pino-options.js';

/**
 * Structured JSON logs with request ids and PHI redaction, for any Nest app.
 * `destination` lets a test capture every line the app writes.
 */
@Module({})
export class LoggingModule {
  static forRoot(service: string, destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            pinoHttp: destination
              ? [httpLoggerOptions(config.log.level, service), destination]
              : httpLoggerOptions(config.log.level, service),
            // Health probes every few seconds would drown the log.
            exclude: [
              { path: 'health', method: RequestMethod.GET },
              { path: 'health/ready', method: RequestMethod.GET },
            ],
          }),
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
