import { QueueEvents } from 'bullmq';
import { OutboxRelayService, QueueName, QueueRegistry, redisConnection } from '#jobs';
import { JobRunner } from '../../apps/worker/src/runner/job-runner.js';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { createStaff, type StaffMember } from '../support/staff.js';
import { startTestWorker, type TestWorker } from '../support/worker-app.js';

/** A deadline that passes unanswered is never silent: the timeline and the audit log say so, once. */
describe('deadline watch (45 CFR 164.524(b)(2): act no later than 30 days after receipt)', () => {
  let api: TestApi;
  let worker: TestWorker;
  let officer: StaffMember;
  let queueEvents: QueueEvents;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker(api.config);
    officer = await createStaff(api, ['privacy_officer']);
    queueEvents = new QueueEvents(QueueName.Deadlines, {
      connection: redisConnection(api.config.redis.url),
      prefix: api.config.redis.prefix,
    });
    await queueEvents.waitUntilReady();
  });

  afterAll(async () => {
    await queueEvents.close();
    await worker.close();
    await api.close();
  });

  async function accessReceived(daysAgo: number): Promise<{ id: string; dueOn: string }> {
    const response = await api.request('POST', '/api/v1/requests', {
      token: officer.token,
      body: {
        type: 'access',
        channel: 'mail',
        receivedAt: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
        patient: { givenName: 'Olive', familyName: 'Overdue', dateOfBirth: '1990-09-09' },
        details: { accessType: 'copy', recordsRequested: 'all', format: 'electronic' },
      },
    });
    expect(response.status).toBe(201);
    // The detail says in words how its date was computed, naming the rule.
    expect(response.body.deadline.explanation.join(' ')).toContain('164.524(b)(2)');
    return response.body;
  }

  const timeline = async (id: string) =>
    (await api.request('GET', `/api/v1/requests/${id}`, { token: officer.token })).body.timeline.map(
      (event: { action: string }) => event.action,
    );

  it('marks a request received 40 days ago overdue through outbox → BullMQ → worker, exactly once', async () => {
    const request = await accessReceived(40);
    const listed = await api.request('GET', '/api/v1/requests?overdue=true', { token: officer.token });
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(request.id);
    await worker.app.get(OutboxRelayService).drain();
    const job = await worker.app.get(QueueRegistry).get(QueueName.Deadlines).getJob(`${request.id}-due-${request.dueOn}`);
    expect(job).toBeDefined();
    await job!.waitUntilFinished(queueEvents, 10_000);
    expect(await timeline(request.id)).toEqual(['receive', 'deadline_passed']);
    // The same job again (a retry, a second worker): nothing new is written.
    expect(await worker.app.get(JobRunner).run('deadline.check', { requestId: request.id, dueOn: request.dueOn })).toMatchObject({
      status: 'skipped',
    });
    expect(await timeline(request.id)).toEqual(['receive', 'deadline_passed']);
  });

  it('does nothing for a request answered in time, or whose due date was extended', async () => {
    const answered = await accessReceived(40);
    await api.request('POST', `/api/v1/requests/${answered.id}/actions/deny`, {
      token: officer.token,
      body: { grounds: ['litigation_material'], basis: 'Compiled for a lawsuit.' },
    });
    expect(await worker.app.get(JobRunner).run('deadline.check', { requestId: answered.id, dueOn: answered.dueOn })).toEqual({
      status: 'skipped',
      why: 'answered',
    });

    const extended = await accessReceived(5);
    const extendedTo = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const extension = await api.request('POST', `/api/v1/requests/${extended.id}/actions/extend`, {
      token: officer.token,
      body: { reasons: 'Records are archived off site.', newDueOn: extendedTo },
    });
    expect(extension.status).toBe(200);
    expect(await worker.app.get(JobRunner).run('deadline.check', { requestId: extended.id, dueOn: extended.dueOn })).toEqual({
      status: 'skipped',
      why: 'due date moved',
    });
    expect(await timeline(extended.id)).toEqual(['receive', 'extend']);
  });
});
