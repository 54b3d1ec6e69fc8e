import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '#config';
import { QueueName } from './queue-names.js';
import { redisConnection } from './redis-connection.js';

/**
 * One BullMQ Queue per queue name, created on first use and closed on
 * shutdown. Producers in the API and the relay in the worker share it.
 */
@Injectable()
export class QueueRegistry implements OnModuleDestroy {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly config: AppConfig) {}

  get(name: QueueName | string): Queue {
    if (!(Object.values(QueueName) as string[]).includes(name)) throw new Error(`unknown queue ${name}`);
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: redisConnection(this.config.redis.url),
        prefix: this.config.redis.prefix,
      });
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** How many worker processes are connected to a queue right now; rejects when Redis does not answer. */
  async workerCount(name: QueueName): Promise<number> {
    return this.get(name).getWorkersCount();
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }
}
