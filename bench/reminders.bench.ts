import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { loadConfig } from '#config';
import { OutboxRelayService, QueueName, redisConnection } from '#jobs';
import { dropDatabase, ensureDatabase } from '#persistence';
import { wantedReminders } from '../apps/worker/src/reminders/reminder-jobs.js';
import { reminderFacts } from '../apps/worker/src/reminders/reminder-facts.js';
import { JobRunner } from '../apps/worker/src/runner/job-runner.js';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { measure, type Measurement } from './measure.js';

/**
 * Reminder scheduling for `count` open requests: the worker's reconciliation
 * (read the open requests a page at a time, the sent reminders of each page,
 * compute each schedule, addBulk the delayed jobs with their deterministic
 * ids), against raw BullMQ addBulk of the very same jobs, computed beforehand.
 * Operations are requests; both sides leave ~7 delayed jobs per request.
 */
export async function remindersBench(
  side: 'product' | 'raw',
  count: number,
  via: 'reconcile' | 'outbox' = 'reconcile',
): Promise<Measurement> {
  const base = loadConfig();
  const url = new URL(base.database.url);
  url.pathname = `/prd_bench_reminders_${process.pid}`;
  await dropDatabase(url.toString());
  await ensureDatabase(url.toString());
  const prefix = `prd_bench_${process.pid}`;
  const config = base.with({ database: { url: url.toString() }, redis: { prefix } });
  const now = new Date();
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({ config, schedule: false, clock: { now: () => now }, logDestination: { write: () => true } as never }),
    { logger: false, abortOnError: false },
  );
  const queue = new Queue(QueueName.Deadlines, { connection: redisConnection(config.redis.url), prefix });
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    await dataSource.runMigrations({ transaction: 'each' });
    // Open access requests due over the next 60 days: each has its reminders still to come.
    await dataSource.query(
      `INSERT INTO requests (reference, type, status, open, requester, channel, received_at, received_on, due_on, due_at,
                             original_due_on, original_due_at, extension_max_on, deadline_rule, deadline_kind, details, created_by)
       SELECT 'PR-2026-' || lpad(n::text, 7, '0'), 'access', 'received', true, '{"type":"individual"}', 'mail', now(), current_date,
              current_date + 1 + n % 60, now() + (1 + n % 60) * interval '1 day', current_date + 1 + n % 60,
              now() + (1 + n % 60) * interval '1 day', current_date + 31 + n % 60, 'hipaa-access', 'legal',
              '{"accessType":"copy","recordsRequested":"all"}', 'system:bench'
         FROM generate_series(1, $1::int) AS n`,
      [count],
    );
    await dataSource.query('ANALYZE requests');
    if (side === 'product' && via === 'reconcile') {
      const result = await measure(`reminder scheduling: reconcile ${count} open requests (product)`, count, async () => {
        await app.get(JobRunner).run('reminders.reconcile', {});
      });
      return { ...result, extra: { jobs: await queue.getDelayedCount() } };
    }
    if (side === 'product') {
      // What a change to each request writes: one `reminder.plan` outbox row. Then the relay moves them
      // to BullMQ (merging the plans of each batch) and the worker's consumers lay the reminders out.
      const result = await measure(
        `reminder scheduling: ${count} requests through the outbox, one plan row each (product)`,
        count,
        async () => {
          await dataSource.query(
            `INSERT INTO outbox_messages (queue, job_name, payload, job_id)
           SELECT 'deadlines', 'reminder.plan', jsonb_build_object('requestId', id), 'plan-' || id || '-v1' FROM requests`,
          );
          await app.get(OutboxRelayService).drain();
          for (;;) {
            const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
            if (counts.waiting + counts.active + counts.prioritized === 0) break;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        },
      );
      return { ...result, extra: { jobs: await queue.getDelayedCount() } };
    }
    const policy = { offsetsDays: config.reminders.offsetsDays, sendAt: config.reminders.sendAt, timeZone: config.organisation.timeZone };
    const rows = (await dataSource.query(
      `SELECT id, type, status, open, extended, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", to_char(original_due_on, 'YYYY-MM-DD') AS "originalDueOn" FROM requests`,
    )) as (Parameters<typeof reminderFacts>[0] & { id: string })[];
    const jobs = rows.flatMap((row) => wantedReminders(row.id, reminderFacts(row), policy, now, new Set()));
    const result = await measure(`reminder scheduling: raw BullMQ addBulk of the same ${jobs.length} jobs`, count, async () => {
      for (let start = 0; start < jobs.length; start += 7_000) await queue.addBulk(jobs.slice(start, start + 7_000));
    });
    return { ...result, extra: { jobs: await queue.getDelayedCount() } };
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
    await app.close();
    await dropDatabase(url.toString());
  }
}
