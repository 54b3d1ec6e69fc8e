/**
 * Confidential communications: receive PHI by alternative means or at an
 * alternative location (45 CFR 164.522(b); hipaa-rights.md §4).
 *
 * Intake `details` this machine reads (validate with CONFIDENTIAL_COMMUNICATION_DETAILS_SCHEMA):
 * - `alternativeAddress?: string`: where the individual wants communications sent.
 * - `alternativeContactMethod?: string`: how the individual wants to be contacted.
 * - `endangermentStatement?: boolean`: the individual states that disclosure could endanger
 *   them (only a health plan may require it, 164.522(b)(1)(ii), (b)(2)(iv)).
 * - `organisationKind?: 'provider' | 'health_plan'`: set by the system from the organisation
 *   profile, never by the requester; absent means `provider`.
 *
 * There is deliberately NO `reason` field: a provider may not require the
 * individual to explain why (164.522(b)(2)(iii)). Once accommodated, every
 * outbound channel must honor the alternative (164.502(h)); the letter that
 * confirms the accommodation goes to the alternative itself. The letter that
 * declines must not go to the address the individual asked us to avoid: send
 * it the way the request came in.
 */
import { verifyIdentity, withdraw, WITHDRAWN } from '../common-actions.js';
import type { InputSchema } from '../input-schema.js';
import type { Guard, MachineDefinition, StateDefinition } from '../machine.js';

export const ORGANISATION_KINDS = ['provider', 'health_plan'] as const;

/**
 * Why a request may be declined as unreasonable. "No reason given" is not
 * among them, and cannot be (164.522(b)(2)(iii)).
 */
export const CONFIDENTIAL_COMMUNICATION_DECLINE_REASONS = [
  'no_alternative_given',
  'not_reasonable_to_accommodate',
  'no_endangerment_statement',
] as const;

export const CONFIDENTIAL_COMMUNICATION_DETAILS_SCHEMA: InputSchema = {
  alternativeAddress: { type: 'string', maxLength: 500, description: 'The alternative location for communications.' },
  alternativeContactMethod: {
    type: 'string',
    maxLength: 200,
    description: 'The alternative means of contact (e.g. a phone number, portal only).',
  },
  endangermentStatement: {
    type: 'boolean',
    description: 'The individual states that disclosure could endanger them (health plans may require it, 45 CFR 164.522(b)(1)(ii)).',
  },
  organisationKind: {
    type: 'enum',
    values: ORGANISATION_KINDS,
    description: 'Set by the system from the organisation profile; absent means provider.',
  },
};

const states = {
  received: {
    title: 'Received',
    plain: 'We have your request about how and where we contact you and are working on it.',
    clock: 'running',
  },
  accommodated: {
    title: 'Accommodated, in force',
    plain: 'We will contact you only the way and at the place you asked.',
    clock: 'stopped',
    inForce: true,
  },
  declined: {
    title: 'Declined as unreasonable',
    plain: 'We could not accommodate your request as made. Our letter explains why and what you can do.',
    clock: 'stopped',
    terminal: true,
  },
  withdrawn: { ...WITHDRAWN, plain: 'You withdrew this request. If it was in effect, it no longer applies.' },
} satisfies Record<string, StateDefinition>;

type ConfidentialCommunicationState = keyof typeof states;

const organisationKindOf = (details: Readonly<Record<string, unknown>>) =>
  details.organisationKind === 'health_plan' ? 'health_plan' : 'provider';

const hasText = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/** Only a health plan may condition on an endangerment statement (164.522(b)(1)(ii), (b)(2)(iv)). */
const endangermentStatementOnlyForPlans: Guard = (request, input) =>
  input.reasonCode === 'no_endangerment_statement' && organisationKindOf(request.details) !== 'health_plan'
    ? {
        code: 'ENDANGERMENT_STATEMENT_ONLY_FOR_PLANS',
        message: 'only a health plan may require a statement that disclosure could endanger the individual',
        citation: '45 CFR 164.522(b)(1)(ii)',
      }
    : null;

/** A plan cannot say no statement was given when the request has one (164.522(b)(1)(ii)). */
const endangermentStatementWasGiven: Guard = (request, input) =>
  input.reasonCode === 'no_endangerment_statement' && request.details.endangermentStatement === true
    ? {
        code: 'ENDANGERMENT_STATEMENT_GIVEN',
        message: 'the request includes the endangerment statement',
        citation: '45 CFR 164.522(b)(1)(ii)',
      }
    : null;

/** A request cannot be declined for lacking an alternative it names (164.522(b)(2)(ii)). */
const alternativeWasGiven: Guard = (request, input) =>
  input.reasonCode === 'no_alternative_given' &&
  (hasText(request.details.alternativeAddress) || hasText(request.details.alternativeContactMethod))
    ? {
        code: 'ALTERNATIVE_WAS_GIVEN',
        message: 'the request names an alternative address or contact method',
        citation: '45 CFR 164.522(b)(2)(ii)',
      }
    : null;

/** Confidential communications (45 CFR 164.522(b)). */
export const confidentialCommunicationMachine = {
  type: 'confidential_communication',
  title: 'Confidential communications (alternative means or location)',
  plainTitle: 'Ask us to contact you another way or at another address',
  citation: '45 CFR 164.522(b)',
  initial: 'received',
  states,
  transitions: {
    received: { verify_identity: 'received', withdraw: 'withdrawn', accommodate: 'accommodated', decline_unreasonable: 'declined' },
    accommodated: { verify_identity: 'accommodated', withdraw: 'withdrawn' },
  },
  actions: {
    verify_identity: verifyIdentity,
    withdraw,
    accommodate: {
      title: 'Accommodate: use the alternative means or location',
      citation: '45 CFR 164.522(b)(1), (b)(2)(ii)',
      by: ['privacy_officer'],
      input: {
        alternativeAddress: { type: 'string', maxLength: 500, description: 'The alternative location to use.' },
        alternativeContactMethod: { type: 'string', maxLength: 200, description: 'The alternative means of contact to use.' },
        paymentHandling: { type: 'string', maxLength: 500, description: 'Where appropriate: how payment, if any, will be handled.' },
      },
      guards: [
        (_request, input) =>
          input.alternativeAddress || input.alternativeContactMethod
            ? null
            : {
                code: 'ALTERNATIVE_REQUIRED',
                message: 'give the alternative address or contact method to be used',
                citation: '45 CFR 164.522(b)(2)(ii)',
              },
      ],
      apply: (request, input, context) => ({
        decision: {
          accommodatedOn: context.today,
          accommodatedBy: context.actor.id,
          organisationKind: organisationKindOf(request.details),
          alternativeAddress: input.alternativeAddress ?? null,
          alternativeContactMethod: input.alternativeContactMethod ?? null,
          paymentHandling: input.paymentHandling ?? null,
        },
      }),
      effects: () => [{ kind: 'letter', template: 'confidential_communication_accommodated', citation: '45 CFR 164.522(b)(1)' }],
    },
    decline_unreasonable: {
      title: 'Decline as unreasonable (never for lack of a reason)',
      citation: '45 CFR 164.522(b)(1), (b)(2)',
      by: ['privacy_officer'],
      input: {
        reasonCode: { type: 'enum', values: CONFIDENTIAL_COMMUNICATION_DECLINE_REASONS, required: true },
        explanation: { type: 'text', maxLength: 2000, required: true, description: 'Why, in plain language; goes into the letter.' },
      },
      guards: [endangermentStatementOnlyForPlans, endangermentStatementWasGiven, alternativeWasGiven],
      apply: (request, input, context) => ({
        decision: {
          declinedOn: context.today,
          declinedBy: context.actor.id,
          organisationKind: organisationKindOf(request.details),
          reasonCode: input.reasonCode,
          explanation: input.explanation,
        },
      }),
      effects: () => [{ kind: 'letter', template: 'confidential_communication_declined', citation: '45 CFR 164.522(b)' }],
    },
  },
} satisfies MachineDefinition<ConfidentialCommunicationState>;
