import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { runOrExit } from '#config';
import { WorkerModule } from './worker.module.js';

/** The worker process: no HTTP, consumes queues until SIGTERM or SIGINT. */
await runOrExit(async () => {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  // Graceful: on a signal Nest calls onApplicationShutdown, which lets running jobs finish.
  app.enableShutdownHooks();
  await app.init();
});
