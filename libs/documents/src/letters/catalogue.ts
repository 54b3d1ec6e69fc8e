import type { LetterBase, LetterTemplate } from '../letter-template.js';
import { accessDenialLetter } from './access-denial.letter.js';
import { accessFulfilmentLetter } from './access-fulfilment.letter.js';
import { accessReferralLetter } from './access-referral.letter.js';
import { accountingFeeNoticeLetter } from './accounting-fee-notice.letter.js';
import { accountingUnverifiedLetter } from './accounting-unverified.letter.js';
import { accountingLetter } from './accounting.letter.js';
import { acknowledgementLetter } from './acknowledgement.letter.js';
import { amendmentAcceptanceLetter } from './amendment-acceptance.letter.js';
import { amendmentDenialLetter } from './amendment-denial.letter.js';
import { complaintAcknowledgementLetter } from './complaint-acknowledgement.letter.js';
import { complaintDispositionLetter } from './complaint-disposition.letter.js';
import { confidentialCommunicationAccommodatedLetter } from './confidential-communication-accommodated.letter.js';
import { confidentialCommunicationDeclinedLetter } from './confidential-communication-declined.letter.js';
import { extensionNoticeLetter } from './extension-notice.letter.js';
import { noticeCopyLetter } from './notice-copy.letter.js';
import { rebuttalLetter } from './rebuttal.letter.js';
import { restrictionAgreedLetter } from './restriction-agreed.letter.js';
import { restrictionDeclinedLetter } from './restriction-declined.letter.js';
import { restrictionTerminatedLetter } from './restriction-terminated.letter.js';
import { reviewOutcomeLetter } from './review-outcome.letter.js';
import { revocationConfirmationLetter } from './revocation-confirmation.letter.js';
import { revocationNotInWritingLetter } from './revocation-not-in-writing.letter.js';

// Each template checks its own model; the catalogue only finds them by name.
type AnyTemplate = LetterTemplate<LetterBase & Record<string, unknown>>;

/** Every letter, by the template name the state machines' effects use. */
export const LETTERS: Readonly<Record<string, AnyTemplate>> = Object.fromEntries(
  [
    acknowledgementLetter,
    extensionNoticeLetter,
    accessFulfilmentLetter,
    accessDenialLetter,
    accessReferralLetter,
    reviewOutcomeLetter,
    noticeCopyLetter,
    amendmentAcceptanceLetter,
    amendmentDenialLetter,
    rebuttalLetter,
    accountingFeeNoticeLetter,
    accountingLetter,
    accountingUnverifiedLetter,
    restrictionAgreedLetter,
    restrictionDeclinedLetter,
    restrictionTerminatedLetter,
    confidentialCommunicationAccommodatedLetter,
    confidentialCommunicationDeclinedLetter,
    complaintAcknowledgementLetter,
    complaintDispositionLetter,
    revocationConfirmationLetter,
    revocationNotInWritingLetter,
  ].map((template) => [template.name, template as unknown as AnyTemplate]),
);

/**
 * Letters no rule requires (courtesy notes). When one cannot be made, the
 * action still goes ahead and the timeline says the letter was skipped; a
 * letter a rule requires blocks its action instead (422, nothing changed).
 */
export const COURTESY_LETTERS: ReadonlySet<string> = new Set(['acknowledgement', 'complaint_acknowledgement', 'access_fulfilment']);
