import pg from 'pg';
import { ORGANISATION } from './letter-fixtures.js';

/** A synthetic notice of privacy practices, short but complete in shape. */
export const NOTICE_SECTIONS = [
  { heading: 'Your rights', paragraphs: ['You can get a copy of your health records, ask us to correct them, and more.'] },
  { heading: 'Our uses and disclosures', paragraphs: ['We use your information to treat you, run our clinic and bill for services.'] },
  { heading: 'Questions and complaints', paragraphs: ['Contact our Privacy Officer at (555) 010-0100.'] },
];

/** Sets up the organisation profile and a notice, as an admin would on a new install. */
export async function configureClinic(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO organisation_profile (id, legal_name, address, privacy_officer, complaints_address, hhs, language_default, updated_by)
       VALUES (1, $1, $2, $3, $4, $5, 'en', 'system:test')`,
      [ORGANISATION.legalName, ORGANISATION.address, ORGANISATION.privacyOfficer, ORGANISATION.complaintsAddress, ORGANISATION.hhs],
    );
    await client.query(
      `INSERT INTO privacy_notices (version, effective_on, language, sections, created_by) VALUES ('2026-02-16', '2026-02-16', 'en', $1, 'system:test')`,
      [JSON.stringify(NOTICE_SECTIONS)],
    );
  } finally {
    await client.end();
  }
}
