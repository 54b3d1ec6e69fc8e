export { systemContext, userActor, type AuditContext } from './audit-context.js';
export { AuditModule } from './audit.module.js';
export { AuditSealer } from './audit-sealer.js';
export { AuditService, auditInsert, type AuditEntry, type AuditOutcome } from './audit.service.js';
export { AuditVerifier, type VerifyRange, type VerifyResult } from './audit-verifier.js';
export { GENESIS_HASH, canonicalJson, linkHash, type ChainedEvent } from './hash-chain.js';
export { AuditReader, type AuditFilter, type AuditRow } from './audit-reader.js';
