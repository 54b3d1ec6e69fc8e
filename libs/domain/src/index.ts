export { PHI_FIELD_NAMES, isPhiFieldName, type PhiFieldName } from './phi/phi-fields.js';
export { FixedClock, systemClock, type Clock } from './time/clock.js';
export { addCalendarDays, calendarDateIn, daysBetween, endOfDayIn, offsetMinutes } from './time/calendar-date.js';
export { DomainError, assertUnreachable, type DomainErrorCode } from './errors.js';
