/**
 * Complaints to the clinic about its privacy policies and procedures or its
 * compliance (45 CFR 164.530(d); also 164.530(a)(1)(ii), (e), (g); 160.306;
 * 160.316; reference §8).
 *
 * The regulation sets no deadline and no form: the clinic must have a process,
 * name a contact, and document every complaint received and its disposition, if
 * any (164.530(d)(2)). The 30-day target is policy (deadline rule
 * `policy-complaint`). The `complaint_acknowledgement` letter is sent at intake
 * by the service, not by an action here. Any person may complain, so no action
 * waits for identity verification. A withdrawn complaint stays on record (it
 * was received, and 164.530(d)(2) asks for every complaint received).
 *
 * Intake `details` this machine reads or shows (validated by COMPLAINT_DETAILS_SCHEMA):
 * - `category: enum` (COMPLAINT_CATEGORIES) — what the complaint is about.
 * - `subject: text` — the complaint in brief.
 * - `incidentKnownOn?: date` — when the complainant knew or should have known of the act or
 *   omission; starts the 180-day HHS window (see `hhsComplaintWindow`).
 * - `linkedRequests?: { requestId: uuid }[]` — other requests the complaint is about (an access
 *   request that went unanswered, say). A list of objects rather than of bare ids, because the
 *   input-schema kinds have no string list; the field is named for its items.
 */
import { verifyIdentity, withdraw, WITHDRAWN } from '../common-actions.js';
import type { InputSchema } from '../input-schema.js';
import type { Guard, MachineDefinition, StateDefinition } from '../machine.js';
import { addCalendarDays } from '../../time/calendar-date.js';

export const COMPLAINT_CATEGORIES = [
  'access',
  'amendment',
  'accounting',
  'restriction',
  'confidential_communication',
  'privacy_practice',
  'security',
  'other',
] as const;

export const COMPLAINT_OUTCOMES = ['substantiated', 'unsubstantiated', 'partly_substantiated', 'referred'] as const;

/** The intake `details` of a complaint. */
export const COMPLAINT_DETAILS_SCHEMA: InputSchema = {
  category: { type: 'enum', values: COMPLAINT_CATEGORIES, required: true },
  subject: { type: 'text', maxLength: 4000, required: true, description: 'The complaint in brief.' },
  incidentKnownOn: {
    type: 'date',
    description: 'When the complainant knew or should have known of the act or omission (starts the 180-day HHS window, 160.306(b)(3)).',
  },
  linkedRequests: {
    type: 'object[]',
    maxItems: 20,
    fields: { requestId: { type: 'uuid', required: true, description: 'A request the complaint is about.' } },
  },
};

/** Days a complaint may be filed with HHS after the complainant knew or should have known (45 CFR 160.306(b)(3)). */
export const HHS_COMPLAINT_WINDOW_DAYS = 180;

/**
 * How long after a complaint an adverse action against the complainant (an
 * account closed, a patient discharged, a bill sent to collection) raises a
 * retaliation-risk alert for the privacy officer. This is clinic POLICY, not
 * law: 164.530(g) and 160.316 forbid retaliation at any time and set no window;
 * the alert only draws attention to the period in which retaliation is most
 * likely to be alleged.
 */
export const RETALIATION_RISK_WINDOW_DAYS = 90;

/**
 * For information only: when the 180-day window to complain to the HHS
 * Secretary (OCR) closes. It runs from when the complainant knew or should
 * have known of the act or omission (`incidentKnownOn`); when that is not
 * recorded, from the day the clinic received the complaint, which is the
 * latest the complainant can have known. The Secretary may waive the limit
 * for good cause (45 CFR 160.306(b)(3)), so this date never bars anything.
 */
export function hhsComplaintWindow(
  details: { incidentKnownOn?: string },
  receivedOn: string,
): { closesOn: string; basis: 'incident' | 'receipt'; waivable: true; text: string } {
  const basis = details.incidentKnownOn ? 'incident' : 'receipt';
  const from = details.incidentKnownOn ?? receivedOn;
  const closesOn = addCalendarDays(from, HHS_COMPLAINT_WINDOW_DAYS);
  const counted =
    basis === 'incident'
      ? `180 days from ${from}, when the matter was known or should have been known`
      : `180 days from ${from}, when the complaint was received here (no earlier date was given)`;
  return {
    closesOn,
    basis,
    waivable: true,
    text: `For information: the 180-day window to complain to the U.S. Department of Health and Human Services closes on ${closesOn} (${counted}); the Secretary may waive it for good cause (45 CFR 160.306(b)(3)).`,
  };
}

const states = {
  received: { title: 'Received', plain: 'We have your complaint and will look into it.', clock: 'running' },
  investigating: { title: 'Under investigation', plain: 'We are investigating your complaint.', clock: 'running' },
  resolved: {
    title: 'Resolved (disposition documented)',
    plain: 'We finished looking into your complaint. Our letter tells you what we found and what we did.',
    clock: 'stopped',
    terminal: true,
  },
  withdrawn: WITHDRAWN,
} satisfies Record<string, StateDefinition>;

type ComplaintState = keyof typeof states;

/** Letters, digits or symbols: whitespace and invisible format characters (zero-width space) do not count. */
const VISIBLE = /[^\s\p{Cf}]/u;

/**
 * Every complaint and its disposition must be documented (164.530(d)(2)). Input
 * validation already refuses an empty or all-space disposition; this also
 * refuses one made only of invisible characters.
 */
export const dispositionDocumented: Guard = (_request, input) =>
  typeof input.disposition === 'string' && VISIBLE.test(input.disposition)
    ? null
    : { code: 'DISPOSITION_REQUIRED', message: 'document the disposition of the complaint', citation: '45 CFR 164.530(d)(2)' };

/** Sanctions applied to workforce members must be documented (164.530(e)(2)). */
const sanctionsDocumented: Guard = (_request, input) =>
  input.sanctionsApplied === true && !input.sanctionsDescription
    ? {
        code: 'SANCTIONS_NOT_DOCUMENTED',
        message: 'describe the sanctions applied (sanctionsDescription)',
        citation: '45 CFR 164.530(e)(2)',
      }
    : null;

/** Complaints to the clinic (45 CFR 164.530(d)). */
export const complaintMachine = {
  type: 'complaint',
  title: 'Privacy complaint to the clinic',
  plainTitle: 'Complain about how we handle your privacy',
  citation: '45 CFR 164.530(d)',
  initial: 'received',
  states,
  transitions: {
    received: { verify_identity: 'received', withdraw: 'withdrawn', investigate: 'investigating', resolve: 'resolved' },
    investigating: { verify_identity: 'investigating', withdraw: 'withdrawn', resolve: 'resolved' },
  },
  actions: {
    verify_identity: verifyIdentity,
    withdraw,
    investigate: {
      title: 'Open an investigation',
      citation: '45 CFR 164.530(d)(1)',
      by: ['privacy_officer'],
      input: {
        investigatorId: { type: 'uuid', ref: 'user', description: 'Who investigates; by default the privacy officer who opens it.' },
      },
      apply: (_request, input, context) => ({
        decision: { investigationOpenedOn: context.today, investigatorId: input.investigatorId ?? context.actor.id },
      }),
    },
    resolve: {
      title: 'Record the disposition (stops the clock)',
      citation: '45 CFR 164.530(d)(2)',
      by: ['privacy_officer'],
      input: {
        disposition: {
          type: 'text',
          maxLength: 4000,
          required: true,
          description: 'What was found and what was done; goes into the letter and the documentation (164.530(d)(2)).',
        },
        outcome: { type: 'enum', values: COMPLAINT_OUTCOMES, required: true },
        sanctionsApplied: {
          type: 'boolean',
          required: true,
          description: 'Whether sanctions were applied to workforce members (164.530(e)).',
        },
        sanctionsDescription: {
          type: 'text',
          maxLength: 2000,
          description:
            'The sanctions applied; required when sanctionsApplied (164.530(e)(2)). Kept with the complaint, not sent in the letter.',
        },
      },
      guards: [dispositionDocumented, sanctionsDocumented],
      apply: (_request, input, context) => ({
        decision: {
          resolvedOn: context.today,
          resolvedBy: context.actor.id,
          disposition: input.disposition,
          outcome: input.outcome,
          sanctionsApplied: input.sanctionsApplied,
          sanctionsDescription: input.sanctionsDescription ?? null,
        },
      }),
      effects: () => [{ kind: 'letter', template: 'complaint_disposition', citation: '45 CFR 164.530(d)(2)' }],
    },
  },
} satisfies MachineDefinition<ComplaintState>;
