import { AuditChainLink } from './audit-chain-link.entity.js';
import { AuditEvent } from './audit-event.entity.js';
import { AuditPending } from './audit-pending.entity.js';
import { OutboxMessage } from './outbox-message.entity.js';
import { User, type ProfessionalLicence } from './user.entity.js';
import { WorkerHeartbeat } from './worker-heartbeat.entity.js';

export { AuditChainLink, AuditEvent, AuditPending, OutboxMessage, User, WorkerHeartbeat, type ProfessionalLicence };

/** Every entity the DataSource maps; a new entity is added here and in a migration. */
export const ENTITIES = [OutboxMessage, WorkerHeartbeat, User, AuditEvent, AuditPending, AuditChainLink];
