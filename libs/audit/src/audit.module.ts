import { Module } from '@nestjs/common';
import { AuditReader } from './audit-reader.js';
import { AuditSealer } from './audit-sealer.js';
import { AuditVerifier } from './audit-verifier.js';
import { AuditService } from './audit.service.js';

/** The append-only, hash-chained audit log: writer, sealer and verifier. */
@Module({
  providers: [AuditService, AuditSealer, AuditVerifier, AuditReader],
  exports: [AuditService, AuditSealer, AuditVerifier, AuditReader],
})
export class AuditModule {}
