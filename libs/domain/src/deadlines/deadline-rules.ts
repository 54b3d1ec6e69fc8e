/**
 * The deadline rules as data. Citations and figures come from the requirements
 * reference (/work/shared/design/hipaa-rights.md, "the reference"): HIPAA floor
 * §2.3, §5, §6 and §11; the 2021 NPRM §12; state laws §13. Kept as a literal table
 * so that a privacy officer can review it line by line against the sources, and
 * so that a change of law is a new row with effective dates, not new code (§12).
 */

import { REQUEST_TYPES, type RequestType } from '../requests/request-types.js';

/** Every patient-rights request type the desk tracks (the one list lives in requests/request-types.ts). */
export type RequestTypeName = RequestType;
export const REQUEST_TYPE_NAMES: readonly RequestTypeName[] = REQUEST_TYPES;

export type DayUnit = 'calendar' | 'business';

export interface DayCount {
  days: number;
  /** 'business' excludes weekends and US federal holidays (see us-federal-holidays.ts). */
  unit: DayUnit;
}

/** Which part of an access request a state rule governs; HIPAA's rule covers all of them. */
export type AccessScope = 'inspect' | 'copy' | 'electronic_copy';

export interface DeadlineRule {
  id: string;
  title: string;
  citation: string;
  appliesTo: readonly RequestTypeName[];
  /** 'legal' is a deadline set by law; 'policy' is the clinic's own target where the law sets none. */
  kind: 'legal' | 'policy';
  count: DayCount;
  /** The single extension the rule allows, measured from the base due date; null if none. */
  extension: DayCount | null;
  /** e.g. 'US-CA'; null for federal rules. */
  jurisdiction: string | null;
  /** Name of an opt-in overlay (e.g. a proposed rule); null if always on. */
  overlay: string | null;
  /** Inclusive bounds on the receipt date; null means open-ended. */
  effectiveFrom: string | null;
  effectiveUntil: string | null;
  accessScope?: AccessScope;
}

export const HHS_NPRM_2021_OVERLAY = 'hhs-nprm-2021';

// The reference (§12–13) gives no commencement dates for these rules, so every row
// is open-ended; add effectiveFrom/effectiveUntil when the law changes rather than
// editing a row, since a request keeps the rule in force on its receipt date.
export const DEADLINE_RULES: readonly DeadlineRule[] = [
  // HIPAA floor: calendar days from receipt, one extension of ≤30 days (reference §0, §11).
  {
    id: 'hipaa-access',
    title: 'HIPAA right of access',
    citation: '45 CFR 164.524(b)(2)',
    appliesTo: ['access'],
    kind: 'legal',
    count: { days: 30, unit: 'calendar' },
    extension: { days: 30, unit: 'calendar' },
    jurisdiction: null,
    overlay: null,
    effectiveFrom: null,
    effectiveUntil: null,
  },
  {
    id: 'hipaa-amendment',
    title: 'HIPAA right to amend',
    citation: '45 CFR 164.526(b)(2)',
    appliesTo: ['amendment'],
    kind: 'legal',
    count: { days: 60, unit: 'calendar' },
    extension: { days: 30, unit: 'calendar' },
    jurisdiction: null,
    overlay: null,
    effectiveFrom: null,
    effectiveUntil: null,
  },
  {
    id: 'hipaa-accounting',
    title: 'HIPAA accounting of disclosures',
    citation: '45 CFR 164.528(c)(1)',
    appliesTo: ['accounting'],
    kind: 'legal',
    count: { days: 60, unit: 'calendar' },
    extension: { days: 30, unit: 'calendar' },
    jurisdiction: null,
    overlay: null,
    effectiveFrom: null,
    effectiveUntil: null,
  },

  // Clinic policy targets: the regulation sets no deadline for these (reference §11),
  // so the citation says so and the rule is never presented as law. No extensions:
  // a policy target is moved by changing the policy, not per request.
  {
    id: 'policy-restriction',
    title: 'Clinic policy target for a restriction request (not a legal deadline)',
    citation: 'Clinic policy; 45 CFR 164.522(a) sets no deadline',
    appliesTo: ['restriction'],
    kind: 'policy',
    count: { days: 30, unit: 'calendar' },
    extension: null,
    jurisdiction: null,
    overlay: null,
    effectiveFrom: null,
    effectiveUntil: null,
  },
  {
    id: 'policy-confidential-communication',
    title: 'Clinic policy target for a confidential-communications request (not a legal deadline)',
    citation: 'Clinic policy; 45 CFR 164.522(b) sets no deadline',
    appliesTo: ['confidential_communication'],
    kind: 'policy',
    count: { days: 30, unit: 'calendar' },
    extension: null,
    jurisdiction: null,
    overlay: null,
    effectiveFrom: null,
    effectiveUntil: null,
  },
  {
    // The notice is due "on request"; the clinic's policy is the same day or the next.
    id: 'policy-notice-copy',
    title: 'Clinic policy target for a paper copy of the notice: same day or next (not a legal deadline)',
    citation: 'Clinic policy; 45 CFR 164.520(c) requires the notice on request, with no set deadline',
    appliesTo: ['notice_copy'],
    kind: 'policy',
    count: { days: 1, unit: 'calendar' },
    extension: null,
    jurisdiction: null,
    overlay: null,
    effectiveFrom: null,
    effectiveUntil: null,
  },
  {
    id: 'policy-complaint',
    title: 'Clinic policy target for resolving a complaint (not a legal deadline)',
    citation: 'Clinic policy; 45 CFR 164.530(d) sets no deadline',
    appliesTo: ['complaint'],
    kind: 'policy',
    count: { days: 30, unit: 'calendar' },
    extension: null,
    jurisdiction: null,
    overlay: null,
    effectiveFrom: null,
    effectiveUntil: null,
  },
  {
    // The revocation binds from receipt whatever this target says; the target is only
    // for recording it and stopping disclosures under the authorization.
    id: 'policy-authorization-revocation',
    title: 'Clinic policy target for processing an authorization revocation, which is effective on receipt (not a legal deadline)',
    citation: 'Clinic policy; 45 CFR 164.508(b)(5) makes the revocation effective on receipt',
    appliesTo: ['authorization_revocation'],
    kind: 'policy',
    count: { days: 1, unit: 'calendar' },
    extension: null,
    jurisdiction: null,
    overlay: null,
    effectiveFrom: null,
    effectiveUntil: null,
  },
  {
    // Fundraising must stop for anyone who opted out (reference §10), so processing is next-day.
    id: 'policy-communication-opt-out',
    title: 'Clinic policy target for processing a communication opt-out (not a legal deadline)',
    citation: 'Clinic policy; 45 CFR 164.514(f)(2)(iv) bars communications after an opt-out, with no set processing deadline',
    appliesTo: ['communication_opt_out'],
    kind: 'policy',
    count: { days: 1, unit: 'calendar' },
    extension: null,
    jurisdiction: null,
    overlay: null,
    effectiveFrom: null,
    effectiveUntil: null,
  },

  // The 2021 NPRM (reference §12) is proposed, not final: it applies only when an
  // organisation switches the overlay on, and only to access.
  {
    id: 'hhs-nprm-2021-access',
    title: 'HHS 2021 proposed rule on access (not final; opt-in)',
    citation: '86 FR 6446 (2021-01-21), proposed 45 CFR 164.524(b)(2), RIN 0945-AA00',
    appliesTo: ['access'],
    kind: 'legal',
    count: { days: 15, unit: 'calendar' },
    extension: { days: 15, unit: 'calendar' },
    jurisdiction: null,
    overlay: HHS_NPRM_2021_OVERLAY,
    effectiveFrom: null,
    effectiveUntil: null,
  },

  // State laws that are more stringent than HIPAA govern where they are earlier
  // [45 CFR 160.203(b)] (reference §13). Business days exclude US federal holidays;
  // a state's own holiday calendar may differ slightly (e.g. Washington).
  {
    id: 'us-ca-access-inspect',
    title: 'California inspection of records',
    citation: 'Cal. Health & Safety Code §123110(a)',
    appliesTo: ['access'],
    kind: 'legal',
    count: { days: 5, unit: 'business' },
    extension: null,
    jurisdiction: 'US-CA',
    overlay: null,
    effectiveFrom: null,
    effectiveUntil: null,
    accessScope: 'inspect',
  },
  {
    id: 'us-ca-access-copy',
    title: 'California copies of records',
    citation: 'Cal. Health & Safety Code §123110(b)',
    appliesTo: ['access'],
    kind: 'legal',
    count: { days: 15, unit: 'calendar' },
    extension: null,
    jurisdiction: 'US-CA',
    overlay: null,
    effectiveFrom: null,
    effectiveUntil: null,
    accessScope: 'copy',
  },
  {
    // Applies when the provider's EHR can produce the electronic copy.
    id: 'us-tx-access-ehr-electronic-copy',
    title: 'Texas electronic copy from an EHR',
    citation: 'Tex. Health & Safety Code §181.102',
    appliesTo: ['access'],
    kind: 'legal',
    count: { days: 15, unit: 'business' },
    extension: null,
    jurisdiction: 'US-TX',
    overlay: null,
    effectiveFrom: null,
    effectiveUntil: null,
    accessScope: 'electronic_copy',
  },
  {
    id: 'us-tx-access-physician-copy',
    title: 'Texas physician copies of records',
    citation: '22 TAC §165.2; Tex. Occ. Code §159.008',
    appliesTo: ['access'],
    kind: 'legal',
    count: { days: 15, unit: 'business' },
    extension: null,
    jurisdiction: 'US-TX',
    overlay: null,
    effectiveFrom: null,
    effectiveUntil: null,
    accessScope: 'copy',
  },
  {
    // 15 working days, extendable with written reasons to 21 working days in all.
    id: 'us-wa-access',
    title: 'Washington access to health care information',
    citation: 'RCW 70.02.080',
    appliesTo: ['access'],
    kind: 'legal',
    count: { days: 15, unit: 'business' },
    extension: { days: 6, unit: 'business' },
    jurisdiction: 'US-WA',
    overlay: null,
    effectiveFrom: null,
    effectiveUntil: null,
  },
  {
    // 10 days, extendable in writing to 21 days in all.
    id: 'us-mt-access',
    title: 'Montana access to health care information',
    citation: 'MCA 50-16-541',
    appliesTo: ['access'],
    kind: 'legal',
    count: { days: 10, unit: 'calendar' },
    extension: { days: 11, unit: 'calendar' },
    jurisdiction: 'US-MT',
    overlay: null,
    effectiveFrom: null,
    effectiveUntil: null,
  },
];
