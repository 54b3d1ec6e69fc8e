/**
 * Staff roles. `admin` manages users and may do all a privacy officer may;
 * `privacy_officer` works requests; `reviewer` is a licensed health-care
 * professional who decides access-denial reviews; `auditor` reads only.
 */
export const ROLES = ['admin', 'privacy_officer', 'reviewer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
