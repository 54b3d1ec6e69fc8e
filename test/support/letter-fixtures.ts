import type { LetterBase, OrganisationModel } from '#documents';

/** A synthetic clinic, complete: every element a letter may need. */
export const ORGANISATION: OrganisationModel = {
  legalName: 'Example Community Clinic',
  address: { line1: '100 Example Avenue', city: 'Springfield', state: 'NY', postalCode: '10001' },
  privacyOfficer: { name: 'Pat Privacy', title: 'Privacy Officer', phone: '(555) 010-0100', email: 'privacy@clinic.example' },
  complaintsAddress: { line1: 'Privacy Office, 100 Example Avenue', city: 'Springfield', state: 'NY', postalCode: '10001' },
  hhs: {
    address:
      'Centralized Case Management Operations, U.S. Department of Health and Human Services, 200 Independence Avenue, S.W., Room 509F HHH Bldg., Washington, D.C. 20201',
    web: 'https://www.hhs.gov/ocr/complaints',
  },
};

export function letterBase(language: 'en' | 'es' = 'en'): LetterBase {
  return {
    organisation: ORGANISATION,
    recipient: {
      name: 'Avery Testwell',
      address: { line1: '12 Sample Street', line2: 'Apt 3', city: 'Springfield', state: 'NY', postalCode: '10002' },
    },
    reference: 'PR-2026-000123',
    date: '2026-02-09',
    language,
  };
}
