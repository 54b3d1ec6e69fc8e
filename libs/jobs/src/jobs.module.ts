import { Module } from '@nestjs/common';
import { OutboxRelayService } from './outbox/outbox-relay.service.js';
import { OutboxService } from './outbox/outbox.service.js';
import { QueueRegistry } from './queue-registry.js';

/** Queues, the outbox writer and the relay, for the API and the worker. */
@Module({
  providers: [QueueRegistry, OutboxService, OutboxRelayService],
  exports: [QueueRegistry, OutboxService, OutboxRelayService],
})
export class JobsModule {}
