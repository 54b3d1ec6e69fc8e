import { AccountingSnapshot, type AccountingSnapshotEntry } from './accounting-snapshot.entity.js';
import { AccountingSuspension } from './accounting-suspension.entity.js';
import { AuditChainLink } from './audit-chain-link.entity.js';
import { AuditEvent } from './audit-event.entity.js';
import { AuditPending } from './audit-pending.entity.js';
import { DisclosureRecord, type RestrictionConflictNote } from './disclosure.entity.js';
import { DocumentRecord } from './document.entity.js';
import { EmailDelivery } from './email-delivery.entity.js';
import { ExportChunk } from './export-chunk.entity.js';
import { ReminderDelivery } from './reminder-delivery.entity.js';
import { EXPORT_KINDS, EXPORT_STATUSES, ExportRecord, type ExportFilter, type ExportKind, type ExportStatus } from './export.entity.js';
import { Notification } from './notification.entity.js';
import { OrganisationProfile } from './organisation-profile.entity.js';
import { OutboxMessage } from './outbox-message.entity.js';
import { PrivacyNotice } from './privacy-notice.entity.js';
import { Patient, type PostalAddress } from './patient.entity.js';
import { RequestAttachment } from './request-attachment.entity.js';
import { RequestEvent } from './request-event.entity.js';
import { RequestNote } from './request-note.entity.js';
import { RequestRecord, type Requester } from './request.entity.js';
import { User, type ProfessionalLicence } from './user.entity.js';
import { WorkerHeartbeat } from './worker-heartbeat.entity.js';

export {
  EmailDelivery,
  ReminderDelivery,
  EXPORT_KINDS,
  EXPORT_STATUSES,
  ExportChunk,
  ExportRecord,
  type ExportFilter,
  type ExportKind,
  type ExportStatus,
  AccountingSnapshot,
  AccountingSuspension,
  DisclosureRecord,
  Notification,
  DocumentRecord,
  OrganisationProfile,
  PrivacyNotice,
  AuditChainLink,
  AuditEvent,
  AuditPending,
  OutboxMessage,
  Patient,
  RequestAttachment,
  RequestEvent,
  RequestNote,
  RequestRecord,
  User,
  WorkerHeartbeat,
  type PostalAddress,
  type ProfessionalLicence,
  type AccountingSnapshotEntry,
  type Requester,
  type RestrictionConflictNote,
};

/** Every entity the DataSource maps; a new entity is added here and in a migration. */
export const ENTITIES = [
  OutboxMessage,
  WorkerHeartbeat,
  User,
  AuditEvent,
  AuditPending,
  AuditChainLink,
  Patient,
  RequestRecord,
  RequestEvent,
  RequestNote,
  RequestAttachment,
  OrganisationProfile,
  PrivacyNotice,
  DocumentRecord,
  DisclosureRecord,
  AccountingSuspension,
  AccountingSnapshot,
  Notification,
  ExportRecord,
  ExportChunk,
  ReminderDelivery,
  EmailDelivery,
];
