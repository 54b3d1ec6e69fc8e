import type { AccountingEntry } from '../letters/accounting.letter.js';

/**
 * What a letter is made from, loaded by the caller: the request as it stands,
 * the timeline event that asked for the letter (its input and its time), the
 * patient, the organisation profile and the notice in force. Plain data: the
 * model builders below do no I/O.
 */
export interface LetterInputs {
  request: {
    id: string;
    reference: string;
    type: string;
    status: string;
    language: string;
    receivedOn: string;
    dueOn: string;
    originalDueOn: string;
    deadlineKind: string;
    requester: { type: string; name?: string; address?: PostalAddressLike };
    details: Record<string, unknown>;
    decision: Record<string, unknown>;
  };
  event: { version: number; action: string; data: Record<string, unknown>; occurredOn: string };
  patient: { givenName: string; familyName: string; address: PostalAddressLike | null } | null;
  organisation: {
    legalName: string;
    address: PostalAddressLike;
    privacyOfficer: { name: string; title: string; phone: string; email?: string | null };
    complaintsAddress: PostalAddressLike | null;
    hhs: { address: string; web: string };
  } | null;
  notice: { version: string; effectiveOn: string; sections: { heading: string; paragraphs: string[] }[] } | null;
  /**
   * For an accounting: the entries as provided (the snapshot taken by the `provide` action), and
   * how many disclosures a suspension holds back (45 CFR 164.528(a)(2)). Absent for other letters.
   */
  accounting?: { entries: AccountingEntry[]; withheldForSuspension: number } | null;
  /** Link to the patient status page, when the portal knows one. */
  statusUrl?: string | null;
}

export interface PostalAddressLike {
  line1: string;
  line2?: string | null;
  city: string;
  state: string;
  postalCode: string;
}
