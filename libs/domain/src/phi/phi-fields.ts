/**
 * Names of fields that can hold protected health information or identify a
 * patient. Logs redact them wherever they appear; audit details never carry
 * them. Listed here, in the domain, because what counts as PHI is a rule of
 * the business (45 CFR 164.514(b)(2) lists the identifiers), not of a framework.
 */
export const PHI_FIELD_NAMES = [
  'givenName',
  'familyName',
  'name',
  'fullName',
  'dateOfBirth',
  'dob',
  'mrn',
  'email',
  'phone',
  'address',
  'line1',
  'line2',
  'city',
  'postalCode',
  'ssn',
  'patient',
  'requester',
  'details',
  'description',
  'statement',
  'reason',
  'notes',
  'note',
  'text',
  'password',
  'statusToken',
  'token',
  'accessToken',
] as const;

export type PhiFieldName = (typeof PHI_FIELD_NAMES)[number];

export function isPhiFieldName(field: string): boolean {
  return (PHI_FIELD_NAMES as readonly string[]).includes(field);
}
