import type { LetterWriter } from './layout/letter-writer.js';

export type Language = 'en' | 'es';

/** A postal address as printed. */
export interface MailingAddress {
  line1: string;
  line2?: string | null;
  city: string;
  state: string;
  postalCode: string;
}

/** The organisation as its letters present it (from the organisation profile). */
export interface OrganisationModel {
  legalName: string;
  address: MailingAddress;
  privacyOfficer: { name: string; title: string; phone: string; email?: string | null };
  /** Where written complaints go (164.530(d)); defaults to the organisation's address. */
  complaintsAddress?: MailingAddress | null;
  /** The HHS Office for Civil Rights, for complaints to the Secretary (160.306). */
  hhs: { address: string; web: string };
}

/** What every letter has: who sends it, to whom, about which request, on which date, in which language. */
export interface LetterBase {
  organisation: OrganisationModel;
  recipient: { name: string; address?: MailingAddress | null };
  reference: string;
  /** The letter's date (ISO); also its PDF creation date, so the same model gives the same bytes. */
  date: string;
  language: Language;
}

/** A missing or empty required element of a letter model. */
export interface MissingElement {
  element: string;
  message: string;
}

/**
 * One kind of letter: a pure function from its model to PDF content. `version`
 * changes whenever the wording or layout changes, and is stored with every
 * document made from it.
 */
export interface LetterTemplate<M extends LetterBase = LetterBase> {
  name: string;
  version: number;
  /** The rule that requires the letter, shown in its footer. */
  citation?: string;
  title(model: M): string;
  /** Required elements that the model lacks; the letter is refused while any is missing. */
  missing(model: M): MissingElement[];
  render(writer: LetterWriter, model: M): void;
}

/** Elements every letter needs: sender, contact phone, recipient, reference, date. */
export function missingBase(model: LetterBase): MissingElement[] {
  const missing: MissingElement[] = [];
  const need = (element: string, value: unknown, message: string) => {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) missing.push({ element, message });
  };
  need('organisation.legalName', model.organisation?.legalName, 'the organisation’s legal name');
  need('organisation.address.line1', model.organisation?.address?.line1, 'the organisation’s address');
  need('organisation.privacyOfficer.name', model.organisation?.privacyOfficer?.name, 'the privacy officer’s name');
  need('organisation.privacyOfficer.title', model.organisation?.privacyOfficer?.title, 'the privacy officer’s title');
  need('organisation.privacyOfficer.phone', model.organisation?.privacyOfficer?.phone, 'the contact phone number (164.530(a)(1)(ii))');
  need('recipient.name', model.recipient?.name, 'the recipient’s name');
  need('reference', model.reference, 'the request reference');
  need('date', model.date, 'the letter date');
  return missing;
}

/** Elements needed where a letter must say how to complain to the clinic and to HHS (164.524(d)(2)(iii), 164.526(d)(1)(iv)). */
export function missingComplaintRoutes(model: LetterBase): MissingElement[] {
  const missing: MissingElement[] = [];
  if (!model.organisation?.hhs?.address?.trim())
    missing.push({ element: 'organisation.hhs.address', message: 'the HHS Office for Civil Rights address' });
  if (!model.organisation?.hhs?.web?.trim())
    missing.push({ element: 'organisation.hhs.web', message: 'the HHS Office for Civil Rights web address' });
  return missing;
}
