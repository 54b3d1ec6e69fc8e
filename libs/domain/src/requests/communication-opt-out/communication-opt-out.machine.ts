/**
 * Objections and opt-outs: facility directory, disclosures to family and
 * others involved in care, fundraising (45 CFR 164.510(a)-(b), 164.514(f);
 * hipaa-rights.md §10).
 *
 * Intake `details` this machine reads (validate with COMMUNICATION_OPT_OUT_DETAILS_SCHEMA, then
 * communicationOptOutDetailsProblems for the rules that depend on `kind`):
 * - `kind: 'directory_opt_out' | 'directory_restriction' | 'family_disclosure_objection'
 *   | 'fundraising_opt_out' | 'fundraising_opt_in'` (required).
 * - `fields?: ('name' | 'location' | 'condition' | 'religion')[]`: the directory entries to
 *   leave out; required for, and only for, `directory_restriction` (164.510(a)(2)).
 * - `person?: string`: only for `family_disclosure_objection`: the person the objection is
 *   about; absent means everyone involved in care or to be notified (164.510(b)(2)).
 * - `oral?: boolean`: the objection or agreement was given orally, which is allowed (164.510).
 *
 * There is NO decline action, on purpose: an objection or opt-out must be
 * honored. A directory listing must respect the individual's restriction or
 * prohibition (164.510(a)(1)(ii), (a)(2)); a disclosure to family or friends
 * may not be made over an objection of an individual who is present and has
 * capacity (164.510(b)(2)); fundraising may not be sent to anyone who opted out
 * (164.514(f)(2)(iv)). The emergency and incapacity exceptions (164.510(a)(3),
 * (b)(3)) are judgments made at the moment of a disclosure, not a refusal of
 * the request, so they are not modelled here.
 *
 * `apply` records `effectiveOn` as the day staff record it. The individual's
 * election binds from when it is received: campaign sends and directory
 * look-ups should honor requests still `received` as well as `applied`.
 */
import { verifyIdentity, withdraw, WITHDRAWN } from '../common-actions.js';
import { validateInput, type FieldError, type InputSchema } from '../input-schema.js';
import type { MachineDefinition, StateDefinition } from '../machine.js';

export const COMMUNICATION_OPT_OUT_KINDS = [
  'directory_opt_out',
  'directory_restriction',
  'family_disclosure_objection',
  'fundraising_opt_out',
  'fundraising_opt_in',
] as const;
export type CommunicationOptOutKind = (typeof COMMUNICATION_OPT_OUT_KINDS)[number];

/** What a facility directory may list (164.510(a)(1)(i)). */
export const DIRECTORY_FIELDS = ['name', 'location', 'condition', 'religion'] as const;

export const COMMUNICATION_OPT_OUT_DETAILS_SCHEMA: InputSchema = {
  kind: { type: 'enum', values: COMMUNICATION_OPT_OUT_KINDS, required: true },
  fields: {
    type: 'enum[]',
    values: DIRECTORY_FIELDS,
    minItems: 1,
    description: 'For directory_restriction: the directory entries to leave out (45 CFR 164.510(a)(2)).',
  },
  person: {
    type: 'string',
    maxLength: 200,
    description: 'For family_disclosure_objection: who the objection is about; absent means everyone involved (45 CFR 164.510(b)(2)).',
  },
  oral: { type: 'boolean', description: 'Given orally (allowed, 45 CFR 164.510).' },
};

/** The intake problems the schema cannot express, because they depend on `kind`. */
export function communicationOptOutDetailsProblems(details: unknown): FieldError[] {
  const errors = validateInput(COMMUNICATION_OPT_OUT_DETAILS_SCHEMA, details);
  if (errors.length) return errors;
  const record = details as Record<string, unknown>;
  if (record.kind === 'directory_restriction' && !record.fields) {
    errors.push({ field: 'fields', message: 'fields is required for a directory restriction' });
  }
  if (record.fields !== undefined && record.kind !== 'directory_restriction') {
    errors.push({ field: 'fields', message: 'fields is only for a directory restriction' });
  }
  if (record.person !== undefined && record.kind !== 'family_disclosure_objection') {
    errors.push({ field: 'person', message: 'person is only for an objection to disclosures to family or friends' });
  }
  return errors;
}

const APPLIES_TO: Record<CommunicationOptOutKind, string> = {
  directory_opt_out: 'facility_directory',
  directory_restriction: 'facility_directory_fields',
  family_disclosure_objection: 'disclosures_to_persons_involved',
  fundraising_opt_out: 'all_future_fundraising_communications',
  fundraising_opt_in: 'fundraising_communications',
};

const CITATION_OF: Record<CommunicationOptOutKind, string> = {
  directory_opt_out: '45 CFR 164.510(a)(2)',
  directory_restriction: '45 CFR 164.510(a)(2)',
  family_disclosure_objection: '45 CFR 164.510(b)(2)',
  fundraising_opt_out: '45 CFR 164.514(f)(2)(iv)',
  fundraising_opt_in: '45 CFR 164.514(f)(2)(v)',
};

const states = {
  received: { title: 'Received', plain: 'We have your choice and are recording it. We will honor it from now on.', clock: 'running' },
  applied: {
    title: 'Applied, in force',
    plain: 'Your choice is recorded and in effect. You can change your mind at any time.',
    clock: 'stopped',
    inForce: true,
  },
  withdrawn: { ...WITHDRAWN, plain: 'You withdrew this choice. It no longer applies.' },
} satisfies Record<string, StateDefinition>;

type CommunicationOptOutState = keyof typeof states;

/** Objections and opt-outs (45 CFR 164.510(a)-(b), 164.514(f)). */
export const communicationOptOutMachine = {
  type: 'communication_opt_out',
  title: 'Objections and opt-outs (directory, family and friends, fundraising)',
  plainTitle: 'Tell us not to list you, not to talk to someone, or not to send you fundraising',
  citation: '45 CFR 164.510(a)-(b), 164.514(f)',
  initial: 'received',
  states,
  // No decline: an objection or opt-out must be honored (164.510(a)(1)(ii), (b)(2); 164.514(f)(2)(iv)).
  transitions: {
    received: { verify_identity: 'received', withdraw: 'withdrawn', apply: 'applied' },
    applied: { verify_identity: 'applied', withdraw: 'withdrawn' },
  },
  actions: {
    verify_identity: verifyIdentity,
    // From `applied`, withdraw means the individual later lifts the choice.
    withdraw,
    apply: {
      title: 'Apply the choice (effective immediately)',
      citation: '45 CFR 164.510(a)(2), (b)(2); 164.514(f)(2)(iv)-(v)',
      by: ['privacy_officer'],
      input: {
        note: {
          type: 'string',
          maxLength: 500,
          description: 'Where it was recorded (directory system, campaign list); no patient details.',
        },
      },
      guards: [
        (request) =>
          request.details.kind === 'directory_restriction' && !(Array.isArray(request.details.fields) && request.details.fields.length > 0)
            ? {
                code: 'DIRECTORY_FIELDS_REQUIRED',
                message: 'a directory restriction must say which entries to leave out',
                citation: '45 CFR 164.510(a)(2)',
              }
            : null,
      ],
      apply: (request, input, context) => {
        const kind = request.details.kind as CommunicationOptOutKind;
        return {
          decision: {
            kind,
            appliesTo: APPLIES_TO[kind] ?? null,
            citation: CITATION_OF[kind] ?? null,
            directoryFields:
              kind === 'directory_restriction' ? request.details.fields : kind === 'directory_opt_out' ? [...DIRECTORY_FIELDS] : null,
            oral: request.details.oral === true,
            requestedOn: request.receivedOn,
            effectiveOn: context.today,
            appliedBy: context.actor.id,
            note: input.note ?? null,
          },
        };
      },
    },
  },
} satisfies MachineDefinition<CommunicationOptOutState>;
