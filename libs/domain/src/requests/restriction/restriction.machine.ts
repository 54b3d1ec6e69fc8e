/**
 * Right to request restrictions of uses and disclosures (45 CFR 164.522(a);
 * hipaa-rights.md §3).
 *
 * Intake `details` this machine reads (validate with RESTRICTION_DETAILS_SCHEMA):
 * - `scope: string` (text, required): which PHI, which uses or disclosures are to be restricted.
 * - `recipient?: string`: who the restriction is about, e.g. a named health plan or family member.
 * - `recipientIsHealthPlan?: boolean`: the recipient is a health plan (self-pay rule).
 * - `purpose: 'treatment' | 'payment' | 'health_care_operations' | 'persons_involved'` (required).
 * - `selfPay?: { paidInFull: boolean; items: string; paidOn?: string (YYYY-MM-DD) }`: the item or
 *   service paid out of pocket in full by the individual or someone other than the plan.
 * - `requiredByLaw?: boolean`: the disclosure is otherwise required by law.
 * - `reason?: string` (text): optional; the rule requires no reason and none is ever checked.
 *
 * The regulation sets no deadline to answer: the open state's clock is `running` so the
 * organisation's own target (set elsewhere, as policy) applies.
 */
import { verifyIdentity, withdraw as commonWithdraw, WITHDRAWN } from '../common-actions.js';
import type { InputSchema } from '../input-schema.js';
import type { ActionDefinition, Guard, MachineDefinition, StateDefinition } from '../machine.js';

export const RESTRICTION_PURPOSES = ['treatment', 'payment', 'health_care_operations', 'persons_involved'] as const;

export const RESTRICTION_DETAILS_SCHEMA: InputSchema = {
  scope: { type: 'text', maxLength: 4000, required: true, description: 'Which PHI, and which uses or disclosures, are to be restricted.' },
  recipient: { type: 'string', maxLength: 200, description: 'Who the restriction concerns, e.g. a named health plan or family member.' },
  recipientIsHealthPlan: { type: 'boolean', description: 'The recipient is a health plan (45 CFR 164.522(a)(1)(vi)).' },
  purpose: {
    type: 'enum',
    values: RESTRICTION_PURPOSES,
    required: true,
    description: 'TPO (164.522(a)(1)(i)(A)) or disclosures to persons involved in care (164.510(b)).',
  },
  selfPay: {
    type: 'object',
    description: 'For a restriction to a health plan of an item or service paid out of pocket in full (164.522(a)(1)(vi)).',
    fields: {
      paidInFull: {
        type: 'boolean',
        required: true,
        description: 'Confirmed paid in full by the individual or someone other than the plan.',
      },
      items: { type: 'string', maxLength: 500, required: true, description: 'The items or services (ids) the payment covers.' },
      paidOn: { type: 'date', description: 'When it was paid.' },
    },
  },
  requiredByLaw: { type: 'boolean', description: 'The disclosure is otherwise required by law (removes the self-pay duty).' },
  reason: { type: 'text', maxLength: 2000, description: 'Optional; the rule requires no reason and it is never checked.' },
};

/**
 * A request the clinic must agree to (45 CFR 164.522(a)(1)(vi)): a restriction
 * of disclosures to a health plan, for payment or health care operations, not
 * otherwise required by law, of PHI about an item or service paid in full out
 * of pocket. The "solely" part (the PHI relates only to the paid item) is what
 * `selfPay.items` describes; the staff confirm it at intake.
 */
export function isSelfPayRestriction(details: Readonly<Record<string, unknown>>): boolean {
  const selfPay = details.selfPay as { paidInFull?: unknown } | undefined;
  return (
    selfPay?.paidInFull === true &&
    details.recipientIsHealthPlan === true &&
    (details.purpose === 'payment' || details.purpose === 'health_care_operations') &&
    details.requiredByLaw !== true
  );
}

const states = {
  received: { title: 'Received', plain: 'We have your request for a restriction and will tell you whether we agree.', clock: 'running' },
  agreed: {
    title: 'Agreed, in force',
    plain: 'We agreed to your restriction. We will not use or share your information against it, except in an emergency.',
    clock: 'stopped',
    inForce: true,
  },
  declined: {
    title: 'Declined',
    plain: 'We did not agree to your restriction. Our letter explains this.',
    clock: 'stopped',
    terminal: true,
  },
  terminated: {
    title: 'Terminated',
    plain: 'Your restriction has ended. If we ended it, it still protects information we had before we told you.',
    clock: 'stopped',
    terminal: true,
  },
  withdrawn: { ...WITHDRAWN, plain: 'You withdrew this request. If a restriction had been agreed, it no longer applies.' },
} satisfies Record<string, StateDefinition>;

type RestrictionState = keyof typeof states;

/** A self-pay restriction to a health plan must be agreed (164.522(a)(1)(vi)). */
const selfPayMustBeAgreed: Guard = (request) =>
  isSelfPayRestriction(request.details)
    ? {
        code: 'SELF_PAY_RESTRICTION_MUST_BE_AGREED',
        message: 'a restriction to a health plan of an item paid in full out of pocket must be agreed',
        citation: '45 CFR 164.522(a)(1)(vi)',
      }
    : null;

/** The clinic may never end a self-pay restriction on its own (164.522(a)(2)(iii)). */
const selfPayCannotBeEndedByClinic: Guard = (request) =>
  isSelfPayRestriction(request.details) || request.decision.selfPay === true
    ? {
        code: 'SELF_PAY_RESTRICTION_CANNOT_BE_ENDED_BY_CLINIC',
        message: 'the clinic cannot end a self-pay restriction; only the individual can',
        citation: '45 CFR 164.522(a)(2)(iii)',
      }
    : null;

/**
 * Withdrawing the request. Before agreement it simply drops the request. Once
 * agreed, ending the restriction on the individual's word must be in writing,
 * or oral and documented (164.522(a)(2)(i)-(ii)): the patient's own portal
 * withdrawal is a written request; staff acting on the individual's word use
 * `terminate_by_individual`, which records the form.
 */
const withdraw: ActionDefinition = {
  ...commonWithdraw,
  guards: [
    (request, _input, context) =>
      request.status === 'agreed' && context.actor.kind !== 'patient'
        ? {
            code: 'TERMINATION_FORM_REQUIRED',
            message:
              'to end an agreed restriction on the individual’s word, use terminate_by_individual and record whether it was written or oral',
            citation: '45 CFR 164.522(a)(2)(i)-(ii)',
          }
        : null,
  ],
  apply: (request, input, context) => {
    const changes = commonWithdraw.apply?.(request, input, context) ?? {};
    if (request.status !== 'agreed') return changes;
    return {
      ...changes,
      decision: {
        ...changes.decision,
        terminatedOn: context.today,
        terminatedBy: 'individual',
        terminationForm: 'written',
        terminationVia: 'portal',
      },
    };
  },
};

/** Right to request restrictions (45 CFR 164.522(a)). */
export const restrictionMachine = {
  type: 'restriction',
  title: 'Restriction of uses and disclosures',
  plainTitle: 'Ask us to limit how we use or share your health information',
  citation: '45 CFR 164.522(a)',
  initial: 'received',
  states,
  transitions: {
    received: { verify_identity: 'received', withdraw: 'withdrawn', agree: 'agreed', decline: 'declined' },
    agreed: {
      verify_identity: 'agreed',
      withdraw: 'withdrawn',
      terminate_by_individual: 'terminated',
      terminate_by_clinic: 'terminated',
      record_emergency_use: 'agreed',
    },
  },
  actions: {
    verify_identity: verifyIdentity,
    withdraw,
    agree: {
      title: 'Agree to the restriction (then bound by it)',
      citation: '45 CFR 164.522(a)(1)(ii)-(iii), (a)(3)',
      by: ['privacy_officer'],
      input: { note: { type: 'string', maxLength: 500, description: 'Internal note on how it will be honored (no patient details).' } },
      apply: (request, input, context) => ({
        decision: {
          agreedOn: context.today,
          agreedBy: context.actor.id,
          selfPay: isSelfPayRestriction(request.details),
          agreementNote: input.note ?? null,
        },
      }),
      effects: () => [{ kind: 'letter', template: 'restriction_agreed', citation: '45 CFR 164.522(a)(3)' }],
    },
    decline: {
      title: 'Decline the restriction (not for self-pay requests)',
      citation: '45 CFR 164.522(a)(1)(ii), (vi)',
      by: ['privacy_officer'],
      input: {
        explanation: {
          type: 'text',
          maxLength: 2000,
          description: 'Optional; goes into the letter. The rule requires no reason for declining.',
        },
      },
      guards: [selfPayMustBeAgreed],
      apply: (_request, input, context) => ({
        decision: { declinedOn: context.today, declinedBy: context.actor.id, explanation: input.explanation ?? null },
      }),
      effects: () => [{ kind: 'letter', template: 'restriction_declined', citation: '45 CFR 164.522(a)(1)(ii)' }],
    },
    terminate_by_individual: {
      title: 'The individual ends the restriction (written, or oral and documented)',
      citation: '45 CFR 164.522(a)(2)(i)-(ii)',
      by: ['privacy_officer'],
      input: {
        form: {
          type: 'enum',
          values: ['written', 'oral'],
          required: true,
          description: 'How the individual asked for or agreed to the termination.',
        },
        documentedBy: {
          type: 'string',
          maxLength: 500,
          description: 'For an oral termination: how and by whom it was documented (required for oral).',
        },
      },
      guards: [
        (_request, input) =>
          input.form === 'oral' && !input.documentedBy
            ? {
                code: 'ORAL_TERMINATION_NOT_DOCUMENTED',
                message: 'an oral agreement to terminate must be documented (documentedBy)',
                citation: '45 CFR 164.522(a)(2)(ii)',
              }
            : null,
      ],
      apply: (_request, input, context) => ({
        decision: {
          terminatedOn: context.today,
          terminatedBy: 'individual',
          terminationForm: input.form,
          terminationDocumentedBy: input.documentedBy ?? null,
          terminationRecordedBy: context.actor.id,
        },
      }),
    },
    terminate_by_clinic: {
      title: 'The clinic ends the restriction (only for PHI created or received after notice)',
      citation: '45 CFR 164.522(a)(2)(iii)',
      by: ['privacy_officer'],
      input: { noticeOn: { type: 'date', required: true, description: 'The day the individual was told the restriction ends.' } },
      guards: [
        selfPayCannotBeEndedByClinic,
        (_request, input, context) =>
          (input.noticeOn as string) > context.today
            ? {
                code: 'NOTICE_NOT_YET_GIVEN',
                message: 'the termination takes effect only once the individual has been told; record it on or after the notice date',
                citation: '45 CFR 164.522(a)(2)(iii)',
              }
            : null,
        (request, input) =>
          typeof request.decision.agreedOn === 'string' && (input.noticeOn as string) < request.decision.agreedOn
            ? {
                code: 'NOTICE_BEFORE_AGREEMENT',
                message: 'the notice date cannot be before the restriction was agreed',
                citation: '45 CFR 164.522(a)(2)(iii)',
              }
            : null,
      ],
      apply: (_request, input, context) => ({
        decision: {
          terminatedOn: context.today,
          terminatedBy: 'clinic',
          terminationRecordedBy: context.actor.id,
          noticeOn: input.noticeOn,
          effectiveForPhiCreatedAfter: input.noticeOn,
        },
      }),
      effects: () => [{ kind: 'letter', template: 'restriction_terminated', citation: '45 CFR 164.522(a)(2)(iii)' }],
    },
    record_emergency_use: {
      title: 'Log an emergency-treatment use or disclosure despite the restriction',
      citation: '45 CFR 164.522(a)(1)(iii)-(iv)',
      by: ['privacy_officer'],
      input: {
        treatingProvider: {
          type: 'string',
          maxLength: 200,
          required: true,
          description: 'The provider who received the PHI for emergency treatment.',
        },
        redisclosureRequestMade: {
          type: 'boolean',
          required: true,
          description: 'That provider was asked not to use or disclose the PHI further (must be true).',
        },
      },
      guards: [
        (_request, input) =>
          input.redisclosureRequestMade !== true
            ? {
                code: 'REDISCLOSURE_REQUEST_REQUIRED',
                message: 'the treating provider must be asked not to further use or disclose the information',
                citation: '45 CFR 164.522(a)(1)(iv)',
              }
            : null,
      ],
      apply: (request, input, context) => ({
        decision: {
          emergencyUses: [
            ...((request.decision.emergencyUses as unknown[] | undefined) ?? []),
            {
              recordedOn: context.today,
              recordedBy: context.actor.id,
              treatingProvider: input.treatingProvider,
              redisclosureRequestMade: true,
            },
          ],
        },
      }),
    },
  },
} satisfies MachineDefinition<RestrictionState>;
