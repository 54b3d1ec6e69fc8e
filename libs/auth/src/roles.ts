/**
 * Staff roles. `admin` manages users and may do all a privacy officer may;
 * `privacy_officer` works requests; `reviewer` is a licensed health-care
 * professional who decides access-denial reviews; `auditor` reads only.
 */
export const STAFF_ROLES = ['admin', 'privacy_officer', 'reviewer', 'auditor'] as const;

/**
 * Every role. `integration` is a service account for another system (an EHR's
 * disclosure feed): it may write disclosures and nothing else, and is held alone.
 */
export const ROLES = [...STAFF_ROLES, 'integration'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
