export { PHI_FIELD_NAMES, isPhiFieldName, type PhiFieldName } from './phi/phi-fields.js';
export { systemClock, type Clock } from './time/clock.js';
export { addCalendarDays, calendarDateIn, daysBetween, endOfDayIn, offsetMinutes } from './time/calendar-date.js';
export { DomainError, assertUnreachable, type DomainErrorCode } from './errors.js';
export { decodeCursor, encodeCursor } from './paging/page-cursor.js';

export * from './deadlines/deadline-policy.js';
export * from './deadlines/deadline-rules.js';
export * from './deadlines/us-federal-holidays.js';
export * from './fees/access-fees.js';
export * from './fees/accounting-fee.js';

export * from './requests/request-types.js';
export * from './requests/machine.js';
export * from './requests/input-schema.js';
export * from './requests/decide.js';
export * from './requests/validate-machine.js';
export * from './requests/mermaid.js';
export * from './requests/retention.js';
export * from './requests/registry.js';
export { IDENTITY_METHODS } from './requests/common-actions.js';
export { DENIAL_GROUNDS, REVIEWABLE_GROUNDS, UNREVIEWABLE_GROUNDS } from './requests/access/access.machine.js';
export { hhsComplaintWindow, RETALIATION_RISK_WINDOW_DAYS } from './requests/complaint/complaint.machine.js';
export { isSelfPayRestriction } from './requests/restriction/restriction.machine.js';
export { requestTypesMarkdown } from './requests/request-types-doc.js';
export * from './accounting/accounting-rules.js';
export {
  restrictionConflicts,
  type RestrictionConflict,
  type RestrictionInForce,
  type DisclosureToCheck,
} from './requests/restriction/restriction-conflicts.js';
export * from './compliance/request-register.js';
export * from './reminders/reminder-schedule.js';
