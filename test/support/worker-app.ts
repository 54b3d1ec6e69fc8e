import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '#config';
import type { Clock } from '#domain';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { LogCapture } from './log-capture.js';
import { findLeakedSecret } from './secret-registry.js';

export interface TestWorker {
  app: INestApplicationContext;
  logs: LogCapture;
  close(): Promise<void>;
}

/** The worker app in this process, consuming real BullMQ queues; repeating schedules off. */
export async function startTestWorker(config: AppConfig, options: { schedule?: boolean; clock?: Clock } = {}): Promise<TestWorker> {
  const logs = new LogCapture();
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({ config, logDestination: logs, schedule: options.schedule ?? false, clock: options.clock }),
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  await app.init();
  return {
    app,
    logs,
    async close() {
      await app.close();
      const leaked = findLeakedSecret(logs.text());
      if (leaked) throw new Error(`a secret or patient name reached the worker log: ${leaked}`);
    },
  };
}
