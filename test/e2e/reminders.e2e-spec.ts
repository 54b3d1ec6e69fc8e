import { Redis } from 'ioredis';
import pg from 'pg';
import { OutboxRelayService, QueueName, QueueRegistry } from '#jobs';
import { JobRunner } from '../../apps/worker/src/runner/job-runner.js';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { RequestDriver, plusDays, todayIn, type Json } from '../support/request-scenarios.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { rememberSecret } from '../support/secret-registry.js';
import { createStaff, type StaffMember } from '../support/staff.js';
import { startTestWorker, type TestWorker } from '../support/worker-app.js';

/** Its own Redis database, so that flushing it (as a lost Redis would be) touches no other test file. */
const REDIS_URL = 'redis://127.0.0.1:6379/7';

describe('reminders and escalations (45 CFR 164.524(b)(2), 164.526(b)(2), 164.528(c)(1))', () => {
  let api: TestApi;
  let worker: TestWorker;
  let sink: SmtpSink;
  let db: pg.Client;
  let redis: Redis;
  let officer: StaffMember;
  let driver: RequestDriver;
  // The worker's clock: fixed, moved by the tests, never slept on.
  let now = new Date();
  const clock = { now: () => now };

  beforeAll(async () => {
    sink = await startSmtpSink();
    api = await startTestApi({ REDIS_URL, SMTP_URL: sink.url, REMINDER_OFFSETS_DAYS: '7,3,1', REMINDER_SEND_AT: '08:00' });
    worker = await startTestWorker(api.config, { clock });
    db = new pg.Client({ connectionString: api.database.url });
    await db.connect();
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    officer = await createStaff(api, ['privacy_officer']);
    driver = new RequestDriver(api, officer.token);
  });
  afterAll(async () => {
    await redis?.quit();
    await db?.end();
    await worker?.close();
    await api?.close();
    await sink?.close();
  });

  const queue = () => worker.app.get(QueueRegistry).get(QueueName.Deadlines);
  // Twice: an escalation's email and next plan reach the outbox only once the escalation has run.
  const settle = async () => {
    await settleQueues(worker);
    await settleQueues(worker);
  };
  const run = (name: 'reminder.plan' | 'reminders.reconcile', data: Json) => worker.app.get(JobRunner).run(name, data);
  /** The reminder jobs waiting in Redis for one request: step → the instant they fire, by the worker's clock. */
  const scheduled = async (requestId: string): Promise<Record<string, string>> => {
    const jobs = await queue().getJobs(['delayed', 'waiting']);
    return Object.fromEntries(
      jobs
        .filter((job) => job.id?.startsWith(`rem-${requestId}-`))
        .map((job) => [`${job.data.step}:${job.data.dueOn}`, new Date(now.getTime() + (job.opts.delay ?? 0)).toISOString()]),
    );
  };

  it('fires each reminder at 08:00 New York time on its day, on either side of the change to summer time (45 CFR 164.524(b)(2))', async () => {
    // Received 8 February 2026: an access request is due 30 days later, on 10 March, two days after clocks go forward.
    const request = await driver.create('access', { receivedAt: '2026-02-08T15:00:00Z' });
    expect(request.dueOn).toBe('2026-03-10');
    now = new Date('2026-02-20T12:00:00Z');
    await run('reminder.plan', { requestId: request.id });
    // Before the change, 08:00 EST is 13:00 UTC; after it, 08:00 EDT is 12:00 UTC.
    expect(await scheduled(request.id)).toEqual({
      'due_in_7:2026-03-10': '2026-03-03T13:00:00.000Z',
      'extension_decision:2026-03-10': '2026-03-05T13:00:00.000Z',
      'due_in_3:2026-03-10': '2026-03-07T13:00:00.000Z',
      'due_in_1:2026-03-10': '2026-03-09T12:00:00.000Z',
      'due_today:2026-03-10': '2026-03-10T12:00:00.000Z',
      'overdue:2026-03-10': '2026-03-11T04:00:00.999Z',
      'overdue_officers:2026-03-10': '2026-03-11T12:00:00.000Z',
      'overdue_admins_1:2026-03-10': '2026-03-12T12:00:00.000Z',
    });
  });

  it('moves the reminders to the new due date when the request is extended: the old ones are gone (45 CFR 164.524(b)(2)(ii))', async () => {
    now = new Date();
    const request = await driver.create('access', {});
    await run('reminder.plan', { requestId: request.id });
    expect(Object.keys(await scheduled(request.id))).toContain(`due_in_7:${request.dueOn}`);
    const newDueOn = plusDays(request.dueOn, 30);
    await driver.act(request.id, 'extend', { reasons: 'Records are held off site', newDueOn });
    await run('reminder.plan', { requestId: request.id });
    const steps = Object.keys(await scheduled(request.id));
    expect(steps.filter((step) => step.endsWith(request.dueOn))).toEqual([]);
    expect(steps).toEqual(expect.arrayContaining([`due_in_7:${newDueOn}`, `due_in_3:${newDueOn}`, `due_today:${newDueOn}`]));
    expect(steps).not.toContain(`extension_decision:${newDueOn}`);
  });

  it('clears every reminder when the request is withdrawn', async () => {
    const request = await driver.create('access', { receivedAt: '2026-02-08T15:00:00Z' });
    now = new Date('2026-02-20T12:00:00Z');
    await run('reminder.plan', { requestId: request.id });
    await driver.act(request.id, 'withdraw', { note: 'By letter' });
    await run('reminder.plan', { requestId: request.id });
    expect(await scheduled(request.id)).toEqual({});
  });

  it('rebuilds every reminder from PostgreSQL after Redis lost its data, escalates the late ones at once, and sends none twice', async () => {
    const today = todayIn(api.config.organisation.timeZone);
    now = new Date();
    // Eight at a time: the point is the count, not the order.
    const onTime: Json[] = [];
    for (let batch = 0; batch < 95; batch += 8) {
      onTime.push(...(await Promise.all(Array.from({ length: Math.min(8, 95 - batch) }, () => driver.create('notice_copy', {})))));
    }
    // Five access requests received 40 days ago: ten days late, found late by reconciliation.
    const late: Json[] = [];
    for (let index = 0; index < 5; index += 1)
      late.push(await driver.create('access', { receivedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() }));
    expect(late.every((request) => request.dueOn < today)).toBe(true);

    await run('reminders.reconcile', {});
    const before = new Set(
      (await queue().getJobs(['delayed', 'waiting', 'active', 'completed'])).map((job) => job.id).filter((id) => id?.startsWith('rem-')),
    );
    const lateIds = late.map((request) => request.id as string);
    const lateEscalations = async () =>
      (
        await db.query(`SELECT count(*)::int AS n FROM reminder_deliveries WHERE key LIKE 'overdue:%' AND request_id = ANY($1::uuid[])`, [
          lateIds,
        ])
      ).rows[0].n as number;
    await waitFor(async () => (await lateEscalations()) === 5);
    await settle();
    // Messages about this test's late requests (earlier tests left late requests of their own).
    const aboutLate = () => sink.messages.filter((message) => late.some((request) => message.subject?.endsWith(request.reference)));
    const sentBefore = aboutLate().length;
    expect(sentBefore).toBeGreaterThanOrEqual(5);
    // What went out before Redis is lost: none of it may be scheduled again.
    const sent = new Set(
      (
        await db.query(`SELECT 'rem-' || request_id || '-' || step || '-' || to_char(due_on, 'YYYY-MM-DD') AS id FROM reminder_deliveries`)
      ).rows.map((row) => row.id as string),
    );
    await redis.flushdb();
    expect(await queue().getJobs(['delayed', 'waiting'])).toHaveLength(0);
    await run('reminders.reconcile', {});
    const after = new Set(
      (await queue().getJobs(['delayed', 'waiting', 'active', 'completed'])).map((job) => job.id).filter((id) => id?.startsWith('rem-')),
    );
    // Every reminder still to come is back; the escalations already sent are not.
    const ours = new Set([...onTime, ...late].map((request) => request.id as string));
    const future = [...before].filter((id) => ours.has((id as string).slice(4, 40)) && !sent.has(id as string));
    expect(future.length).toBeGreaterThanOrEqual(95);
    expect(future.filter((id) => !after.has(id))).toEqual([]);
    for (const id of sent) expect(after.has(id)).toBe(false);

    // Running every late request's escalation again changes nothing.
    for (const request of late)
      await worker.app.get(JobRunner).run('reminder.fire', { requestId: request.id, step: 'overdue', dueOn: request.dueOn });
    await settle();
    expect(await lateEscalations()).toBe(5);
    expect(aboutLate()).toHaveLength(sentBefore);
    for (const message of sink.messages) expect(message.subject).toMatch(/^Overdue[\w ,]*: request PR-\d{4}-\d{6}$/);
  }, 120_000);

  it('emails the patient, when an address is on file, on receipt and on extension: only the portal link, never their data', async () => {
    rememberSecret('Mailwyn', 'Postlethwaite');
    const patient = await api.request('POST', '/api/v1/patients', {
      token: officer.token,
      body: { givenName: 'Mailwyn', familyName: 'Postlethwaite', dateOfBirth: '1975-05-05', email: 'mailwyn@example.test' },
    });
    const request = await driver.create('access', { patientId: patient.body.id });
    await driver.act(request.id, 'extend', { reasons: 'Records are held off site', newDueOn: plusDays(request.dueOn, 30) });
    await settleQueues(worker);
    const mine = sink.messages.filter((message) => message.subject?.endsWith(request.reference));
    expect(mine.map((message) => message.subject)).toEqual([
      `Update on your request ${request.reference}`,
      `Update on your request ${request.reference}`,
    ]);
    for (const message of mine) {
      expect((message.to as { text: string }).text).toContain('mailwyn@example.test');
      expect(message.text).toContain(`/portal/status?reference=${request.reference}`);
      expect(`${message.text}${message.html}`).not.toMatch(/Mailwyn|Postlethwaite|1975/);
    }
  });
});

/** Relays the outbox and waits until both queues the reminders use have nothing left to do. */
async function settleQueues(worker: TestWorker): Promise<void> {
  await worker.app.get(OutboxRelayService).drain();
  for (const name of [QueueName.Deadlines, QueueName.Notifications]) {
    const queue = worker.app.get(QueueRegistry).get(name);
    await waitFor(async () => {
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      return counts.waiting + counts.active + counts.prioritized === 0;
    }, 60_000);
  }
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
