import { getDataSourceToken } from '@nestjs/typeorm';
import { QueueEvents } from 'bullmq';
import type { DataSource } from 'typeorm';
import { OutboxRelayService, OutboxService, QueueName, QueueRegistry, redisConnection } from '#jobs';
import { OutboxMessage, WorkerHeartbeat } from '#persistence';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { testConfig } from '../../support/test-config.js';
import { startTestWorker, type TestWorker } from '../../support/worker-app.js';

describe('outbox relay (Postgres → BullMQ → worker)', () => {
  let database: TestDatabase;
  let worker: TestWorker;
  let dataSource: DataSource;
  let outbox: OutboxService;
  let relay: OutboxRelayService;
  let queueEvents: QueueEvents;
  let queues: QueueRegistry;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = testConfig(database.url);
    worker = await startTestWorker(config);
    dataSource = worker.app.get(getDataSourceToken());
    outbox = worker.app.get(OutboxService);
    relay = worker.app.get(OutboxRelayService);
    queues = worker.app.get(QueueRegistry);
    queueEvents = new QueueEvents(QueueName.Maintenance, { connection: redisConnection(config.redis.url), prefix: config.redis.prefix });
    await queueEvents.waitUntilReady();
  });

  afterAll(async () => {
    await queueEvents.close();
    await worker.close();
    await database.drop();
  });

  it('delivers a committed outbox row to its processor, which records the heartbeat', async () => {
    await dataSource.transaction((manager) =>
      outbox.add(manager, [
        { name: 'heartbeat.record', data: { workerId: 'test-worker', emittedAt: new Date().toISOString() }, jobId: 'hb-test-1' },
      ]),
    );
    expect(await relay.drain()).toBe(1);
    const job = await queues.get(QueueName.Maintenance).getJob('hb-test-1');
    expect(job).toBeDefined();
    await job!.waitUntilFinished(queueEvents, 10_000);
    const beat = await dataSource.getRepository(WorkerHeartbeat).findOneByOrFail({ workerId: 'test-worker' });
    expect(beat.beatAt).toBeInstanceOf(Date);
    const row = await dataSource.getRepository(OutboxMessage).findOneByOrFail({ jobId: 'hb-test-1' });
    expect(row.dispatchedAt).toBeInstanceOf(Date);
  });

  it('relays nothing from a transaction that rolled back', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await outbox.add(manager, [
          { name: 'heartbeat.record', data: { workerId: 'never', emittedAt: new Date().toISOString() }, jobId: 'hb-rolled-back' },
        ]);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await relay.drain()).toBe(0);
    expect(await queues.get(QueueName.Maintenance).getJob('hb-rolled-back')).toBeUndefined();
  });

  it('makes one job of an effect written twice with the same job id', async () => {
    const queue = queues.get(QueueName.Maintenance);
    const total = async () => Object.values(await queue.getJobCounts()).reduce((sum, count) => sum + count, 0);
    const before = await total();
    const entry = {
      name: 'heartbeat.record' as const,
      data: { workerId: 'twice', emittedAt: new Date().toISOString() },
      jobId: 'hb-twice',
    };
    await dataSource.transaction((manager) => outbox.add(manager, [entry]));
    await dataSource.transaction((manager) => outbox.add(manager, [entry]));
    expect(await relay.drain()).toBe(2);
    await (await queue.getJob('hb-twice'))!.waitUntilFinished(queueEvents, 10_000);
    expect(await total()).toBe(before + 1);
  });

  it('lets two relays run at once without sending a row twice (SKIP LOCKED)', async () => {
    await dataSource.transaction((manager) =>
      outbox.add(
        manager,
        Array.from({ length: 50 }, (_, index) => ({
          name: 'heartbeat.record' as const,
          data: { workerId: `parallel-${index}`, emittedAt: new Date().toISOString() },
          jobId: `hb-parallel-${index}`,
        })),
      ),
    );
    const [first, second] = await Promise.all([relay.drain(), relay.drain()]);
    expect(first + second).toBe(50);
    const pending = await dataSource.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE dispatched_at IS NULL`);
    expect(pending[0].n).toBe(0);
  });
});
