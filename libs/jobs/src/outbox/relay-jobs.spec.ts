import { relayJobs, type OutboxRow } from './relay-jobs.js';

const row = (id: number, jobName: string, payload: Record<string, unknown>, extra: Partial<OutboxRow> = {}): OutboxRow => ({
  id: String(id),
  queue: jobName === 'document.render' ? 'documents' : 'deadlines',
  jobName,
  payload,
  jobId: `${jobName}-${id}`,
  runAt: null,
  ...extra,
});

describe('relayJobs: outbox rows to BullMQ jobs', () => {
  it('keeps every row that is not a plan as its own job, with its own id, in order, by queue', () => {
    const now = Date.parse('2026-03-01T00:00:00Z');
    const jobs = relayJobs(
      [
        row(1, 'document.render', { requestId: 'a' }),
        row(2, 'deadline.check', { requestId: 'a', dueOn: '2026-03-31' }, { runAt: new Date(now + 5_000) }),
        row(3, 'document.render', { requestId: 'b' }),
      ],
      now,
    );
    expect(jobs.get('documents')?.map((job) => job.opts.jobId)).toEqual(['document.render-1', 'document.render-3']);
    expect(jobs.get('deadlines')).toEqual([
      expect.objectContaining({
        name: 'deadline.check',
        data: { requestId: 'a', dueOn: '2026-03-31' },
        opts: expect.objectContaining({ delay: 5_000 }),
      }),
    ]);
  });

  it('a single plan is relayed as it was written', () => {
    const jobs = relayJobs([row(7, 'reminder.plan', { requestId: 'a' })], 0);
    expect(jobs.get('deadlines')).toEqual([
      expect.objectContaining({ data: { requestId: 'a' }, opts: expect.objectContaining({ jobId: 'reminder.plan-7' }) }),
    ]);
  });

  it('merges the plans of a batch into one job of their requests, each once, with an id made of the rows', () => {
    const jobs = relayJobs(
      [
        row(10, 'reminder.plan', { requestId: 'a' }),
        row(11, 'deadline.check', { requestId: 'a', dueOn: '2026-03-31' }),
        row(12, 'reminder.plan', { requestId: 'b' }),
        row(13, 'reminder.plan', { requestId: 'a' }),
      ],
      0,
    );
    expect(jobs.get('deadlines')).toEqual([
      expect.objectContaining({
        name: 'reminder.plan',
        data: { requestIds: ['a', 'b'] },
        opts: expect.objectContaining({ jobId: 'plans-10-13-3' }),
      }),
      expect.objectContaining({ name: 'deadline.check' }),
    ]);
    // The same rows again (a relay that crashed before marking them) give the same job id.
    expect(
      relayJobs(
        [
          row(10, 'reminder.plan', { requestId: 'a' }),
          row(12, 'reminder.plan', { requestId: 'b' }),
          row(13, 'reminder.plan', { requestId: 'a' }),
        ],
        0,
      ).get('deadlines')?.[0].opts.jobId,
    ).toBe('plans-10-13-3');
  });
});
