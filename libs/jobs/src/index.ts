export { JOB_OPTIONS } from './job-options.js';
export { JOB_NAMES, JOB_QUEUES, type JobName, type JobPayloads } from './job-payloads.js';
export { JobsModule } from './jobs.module.js';
export { OutboxRelayService, type RelayResult } from './outbox/outbox-relay.service.js';
export { OutboxService, outboxInsert, type OutboxEntry } from './outbox/outbox.service.js';
export { QueueName } from './queue-names.js';
export { QueueRegistry } from './queue-registry.js';
export { redisConnection } from './redis-connection.js';
