import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { Queue } from 'bullmq';
import { QueueName, redisConnection } from '#jobs';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { RequestDriver, type Json } from '../support/request-scenarios.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { createStaff } from '../support/staff.js';

/** Its own Redis database: these workers must not see other test files' jobs. */
const REDIS_URL = 'redis://127.0.0.1:6379/8';
/** The SMTP server holds each message this long before accepting it: time to kill a worker mid-send. */
const SMTP_DELAY_MS = 2_000;

/**
 * Two real worker processes (`node …/apps/worker/src/main.js`) on one Redis
 * and one database, as two machines would run them: each reminder is sent
 * once, and a worker killed in the middle of sending is replaced by the other.
 */
describe('reminders with two worker processes (45 CFR 164.524(b)(2))', () => {
  let api: TestApi;
  let sink: SmtpSink;
  let db: pg.Client;
  let driver: RequestDriver;
  let build: string;
  const workers: ChildProcess[] = [];
  let notifications: Queue;

  beforeAll(async () => {
    // The workers run compiled code. Compile into a directory of this test's own, so that no other
    // test's build (npm start) writes the same files at the same time.
    build = mkdtempSync(join(tmpdir(), 'prd-workers-'));
    copyFileSync(resolve('package.json'), join(build, 'package.json'));
    symlinkSync(resolve('node_modules'), join(build, 'node_modules'), 'dir');
    const tsc = createRequire(resolve('package.json')).resolve('typescript/bin/tsc');
    execFileSync(
      process.execPath,
      [tsc, '-p', 'tsconfig.build.json', '--outDir', join(build, 'dist'), '--tsBuildInfoFile', join(build, 'tsbuildinfo')],
      {
        stdio: 'pipe',
      },
    );

    sink = await startSmtpSink({ delayDataMs: SMTP_DELAY_MS });
    api = await startTestApi({ REDIS_URL });
    db = new pg.Client({ connectionString: api.database.url });
    await db.connect();
    const officer = await createStaff(api, ['privacy_officer']);
    driver = new RequestDriver(api, officer.token);
    notifications = new Queue(QueueName.Notifications, { connection: redisConnection(REDIS_URL), prefix: api.config.redis.prefix });
  }, 180_000);

  afterAll(async () => {
    for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
    await notifications?.close();
    await db?.end();
    await api?.close();
    await sink?.close();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  const startWorker = (): ChildProcess => {
    const child = spawn(process.execPath, [join(build, 'dist/apps/worker/src/main.js')], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: api.database.url,
        REDIS_URL,
        REDIS_PREFIX: api.config.redis.prefix,
        SMTP_URL: sink.url,
        JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
        WORKER_LOCK_MS: '2000',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    workers.push(child);
    return child;
  };

  const lateRequest = () => driver.create('access', { receivedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() });
  const messagesAbout = (requests: Json[]) =>
    sink.messages.filter((message) => requests.some((request) => message.subject?.endsWith(request.reference)));

  it('sends each escalation once, whichever of the two workers runs it', async () => {
    const late = [await lateRequest(), await lateRequest(), await lateRequest()];
    startWorker();
    startWorker();
    // At start each worker reconciles: both find the same late requests. Two escalations each reach the
    // one privacy officer: "overdue" (no assignee) and "overdue_officers".
    await waitFor(async () => messagesAbout(late).length >= 6, 60_000);
    await waitFor(async () => (await notifications.getJobCounts('waiting', 'active')).active === 0, 30_000);
    const sent = messagesAbout(late).map((message) => message.subject);
    expect(sent).toHaveLength(6);
    expect(new Set(sent).size).toBe(6);
    const deliveries = await db.query(`SELECT count(*)::int AS n FROM email_deliveries WHERE key LIKE ANY($1::text[])`, [
      late.map((request) => `rem:${request.id}:%`),
    ]);
    expect(deliveries.rows[0].n).toBe(6);
  }, 120_000);

  it('finishes, once, the email a worker was sending when it was killed (SIGKILL)', async () => {
    const request = await lateRequest();
    // The running workers pick it up at their next reconciliation; ask for one now through the queue.
    const deadlines = new Queue(QueueName.Deadlines, { connection: redisConnection(REDIS_URL), prefix: api.config.redis.prefix });
    await deadlines.add('reminders.reconcile', {}, { jobId: `reconcile-now-${Date.now()}` });
    await deadlines.close();
    // Wait until a worker holds one of its emails (the SMTP server is holding the message back).
    let victim: number | undefined;
    await waitFor(async () => {
      const active = (await notifications.getActive()).find((job) => String(job.data?.key ?? '').includes(request.id));
      const pid = active?.processedBy?.split('-').pop();
      victim = pid ? Number(pid) : undefined;
      return victim !== undefined;
    }, 30_000);
    const worker = workers.find((child) => child.pid === victim);
    expect(worker).toBeDefined();
    worker!.kill('SIGKILL');
    await new Promise((resolveExit) => worker!.once('exit', resolveExit));

    // The other worker takes the job over once its lock (2 s) lapses, and the SMTP server sees it once.
    await waitFor(async () => messagesAbout([request]).length >= 2, 60_000);
    await waitFor(async () => (await notifications.getJobCounts('waiting', 'active')).active === 0, 30_000);
    const subjects = messagesAbout([request]).map((message) => message.subject);
    expect(subjects).toHaveLength(2);
    expect(new Set(subjects).size).toBe(2);
  }, 120_000);
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}
