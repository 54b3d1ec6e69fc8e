import { OutboxMessage } from './outbox-message.entity.js';
import { WorkerHeartbeat } from './worker-heartbeat.entity.js';

export { OutboxMessage, WorkerHeartbeat };

/** Every entity the DataSource maps; a new entity is added here and in a migration. */
export const ENTITIES = [OutboxMessage, WorkerHeartbeat];
