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
