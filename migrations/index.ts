import { CreateOutbox1795795200000 } from './1795795200000-CreateOutbox.js';
import { CreateUsersAndAudit1795798800000 } from './1795798800000-CreateUsersAndAudit.js';
import { CreatePatientsAndRequests1795799489585 } from './1795799489585-CreatePatientsAndRequests.js';
import { AddDocumentsAndOrganisation1795800540946 } from './1795800540946-AddDocumentsAndOrganisation.js';
import { AddPortalTokens1795801566512 } from './1795801566512-AddPortalTokens.js';
import { AddDisclosureLedger1795806754733 } from './1795806754733-AddDisclosureLedger.js';
import { QueueAuditEventsPerStatement1795806900000 } from './1795806900000-QueueAuditEventsPerStatement.js';
import { AddExports1795808407296 } from './1795808407296-AddExports.js';
import { AddReminderDeliveries1795810147908 } from './1795810147908-AddReminderDeliveries.js';

/**
 * Every migration, oldest first. `npm run migration:generate -- migrations/Name`
 * writes a new file; add its class here (the drift check fails until you do).
 */
export const MIGRATIONS = [
  CreateOutbox1795795200000,
  CreateUsersAndAudit1795798800000,
  CreatePatientsAndRequests1795799489585,
  AddDocumentsAndOrganisation1795800540946,
  AddPortalTokens1795801566512,
  AddDisclosureLedger1795806754733,
  QueueAuditEventsPerStatement1795806900000,
  AddExports1795808407296,
  AddReminderDeliveries1795810147908,
];
