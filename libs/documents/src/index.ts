export { FONTS } from './fonts.js';
export { say, type LetterWriter } from './layout/letter-writer.js';
export {
  missingBase,
  missingComplaintRoutes,
  type Language,
  type LetterBase,
  type LetterTemplate,
  type MailingAddress,
  type MissingElement,
  type OrganisationModel,
} from './letter-template.js';
export { LetterIncompleteError, addressLines, longDate, renderLetter } from './render.js';
export { accessDenialLetter, DENIAL_GROUND_TEXT, type AccessDenialModel } from './letters/access-denial.letter.js';
export { COURTESY_LETTERS, LETTERS } from './letters/catalogue.js';
export { buildLetterModel, letterBaseFrom } from './models/build-letter-model.js';
export type { LetterInputs, PostalAddressLike } from './models/letter-inputs.js';
export { letterInputsFrom } from './models/letter-inputs-from.js';
export { RegisterPdfWriter, type RegisterPdfHeader } from './exports/request-register.pdf.js';
export { registerCsvHeader, registerCsvLine } from './exports/request-register.csv.js';
export { AuditLogPdfWriter, type AuditExportCover, type AuditExportRow } from './exports/audit-log.pdf.js';
export { auditCsvHeader, auditCsvLine } from './exports/audit-log.csv.js';
export { renderCaseFile, type CaseFileModel } from './exports/case-file.pdf.js';
