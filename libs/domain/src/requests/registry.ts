import { ACCESS_DETAILS_SCHEMA, accessMachine } from './access/access.machine.js';
import { ACCOUNTING_DETAILS_SCHEMA, accountingMachine } from './accounting/accounting.machine.js';
import { AMENDMENT_DETAILS_SCHEMA, amendmentMachine } from './amendment/amendment.machine.js';
import {
  AUTHORIZATION_REVOCATION_DETAILS_SCHEMA,
  authorizationRevocationMachine,
} from './authorization-revocation/authorization-revocation.machine.js';
import {
  COMMUNICATION_OPT_OUT_DETAILS_SCHEMA,
  communicationOptOutDetailsProblems,
  communicationOptOutMachine,
} from './communication-opt-out/communication-opt-out.machine.js';
import { COMPLAINT_DETAILS_SCHEMA, complaintMachine } from './complaint/complaint.machine.js';
import {
  CONFIDENTIAL_COMMUNICATION_DETAILS_SCHEMA,
  confidentialCommunicationMachine,
} from './confidential-communication/confidential-communication.machine.js';
import { validateInput, type FieldError, type InputSchema } from './input-schema.js';
import type { MachineDefinition } from './machine.js';
import { NOTICE_COPY_DETAILS_SCHEMA, noticeCopyMachine } from './notice-copy/notice-copy.machine.js';
import type { RequestType } from './request-types.js';
import { RESTRICTION_DETAILS_SCHEMA, restrictionMachine } from './restriction/restriction.machine.js';
import { validateMachine } from './validate-machine.js';

/** Every request type's machine, by type. */
export const MACHINES: Readonly<Record<RequestType, MachineDefinition>> = {
  access: accessMachine,
  amendment: amendmentMachine,
  accounting: accountingMachine,
  restriction: restrictionMachine,
  confidential_communication: confidentialCommunicationMachine,
  notice_copy: noticeCopyMachine,
  complaint: complaintMachine,
  authorization_revocation: authorizationRevocationMachine,
  communication_opt_out: communicationOptOutMachine,
} as Record<RequestType, MachineDefinition>;

/** The intake `details` each type takes. */
export const DETAILS_SCHEMAS: Readonly<Record<RequestType, InputSchema>> = {
  access: ACCESS_DETAILS_SCHEMA,
  amendment: AMENDMENT_DETAILS_SCHEMA,
  accounting: ACCOUNTING_DETAILS_SCHEMA,
  restriction: RESTRICTION_DETAILS_SCHEMA,
  confidential_communication: CONFIDENTIAL_COMMUNICATION_DETAILS_SCHEMA,
  notice_copy: NOTICE_COPY_DETAILS_SCHEMA,
  complaint: COMPLAINT_DETAILS_SCHEMA,
  authorization_revocation: AUTHORIZATION_REVOCATION_DETAILS_SCHEMA,
  communication_opt_out: COMMUNICATION_OPT_OUT_DETAILS_SCHEMA,
};

/** Detail fields the system sets at intake from what it knows; a client may not send them. */
export const SYSTEM_DETAIL_FIELDS: Readonly<Partial<Record<RequestType, readonly string[]>>> = {
  accounting: ['subsequentWithinTwelveMonths'],
  confidential_communication: ['organisationKind'],
};

/** The intake schema a client fills in: the type's details less the system-set fields. */
export function clientDetailsSchema(type: RequestType): InputSchema {
  const system = SYSTEM_DETAIL_FIELDS[type] ?? [];
  return Object.fromEntries(Object.entries(DETAILS_SCHEMAS[type]).filter(([field]) => !system.includes(field)));
}

/** Rules about intake details that a field schema cannot say (which fields go with which kind). */
const INTAKE_CHECKS: Partial<Record<RequestType, (details: unknown) => FieldError[]>> = {
  communication_opt_out: communicationOptOutDetailsProblems,
};

/** Every problem with a client's intake details, with fields named `details.<field>`. */
export function intakeProblems(type: RequestType, details: unknown): FieldError[] {
  const errors = validateInput(clientDetailsSchema(type), details, 'details');
  if (errors.length) return errors;
  return (INTAKE_CHECKS[type]?.(details) ?? []).map((error) => ({
    ...error,
    field: error.field.startsWith('details') ? error.field : `details.${error.field}`,
  }));
}

/** Problems in any machine table, by type; empty when all are sound. Checked at start-up. */
export function validateAllMachines(): string[] {
  return Object.values(MACHINES).flatMap((machine) => validateMachine(machine).map((problem) => `${machine.type}: ${problem}`));
}
