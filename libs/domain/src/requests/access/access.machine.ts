import { extendAction, identityVerified, verifyIdentity, withdraw, WITHDRAWN } from '../common-actions.js';
import type { InputSchema } from '../input-schema.js';
import type { Guard, MachineDefinition, StateDefinition } from '../machine.js';

/** Grounds on which access may be denied with no right to review (45 CFR 164.524(a)(1)-(2)). */
export const UNREVIEWABLE_GROUNDS = [
  'psychotherapy_notes',
  'litigation_material',
  'inmate_copy',
  'research_in_progress',
  'privacy_act',
  'confidential_source',
] as const;

/** Grounds that need a licensed professional's determination and give a right to review (164.524(a)(3)). */
export const REVIEWABLE_GROUNDS = ['endangers_life_or_safety', 'harm_to_person_referenced', 'harm_through_representative'] as const;

export const DENIAL_GROUNDS = [...UNREVIEWABLE_GROUNDS, ...REVIEWABLE_GROUNDS] as const;
export type DenialGround = (typeof DENIAL_GROUNDS)[number];

export const DELIVERY_METHODS = ['inspection', 'pickup', 'mail', 'email', 'portal', 'third_party'] as const;

/**
 * Intake details of an access request (reference §2.2). The requester (and for a
 * personal representative their authority) is recorded on the request itself.
 */
export const ACCESS_DETAILS_SCHEMA: InputSchema = {
  accessType: { type: 'enum', values: ['inspect', 'copy', 'both'], required: true, description: '164.524(c)(1)' },
  recordsRequested: {
    type: 'string',
    maxLength: 1000,
    required: true,
    description: 'Which records or dates; may be "all designated record sets".',
  },
  format: { type: 'enum', values: ['paper', 'electronic'], description: 'Requested form and format for a copy (164.524(c)(2)).' },
  electronicFormat: { type: 'string', maxLength: 100, description: 'e.g. PDF, C-CDA, portable media.' },
  delivery: { type: 'enum', values: ['pickup', 'mail', 'email', 'portal', 'third_party'], description: '164.524(c)(3).' },
  recipient: {
    type: 'enum',
    values: ['self', 'third_party_directive'],
    description: 'A directive must be written and signed (164.524(c)(3)(ii)).',
  },
  thirdParty: {
    type: 'object',
    fields: { name: { type: 'string', maxLength: 200, required: true }, address: { type: 'string', maxLength: 500, required: true } },
  },
  summaryRequested: { type: 'boolean', description: 'A summary instead of, or with, the records (needs advance agreement to its fee).' },
};

const states = {
  received: { title: 'Received', plain: 'We have your request and are working on it.', clock: 'running' },
  granted: { title: 'Granted, being prepared', plain: 'Your request is approved and we are preparing your records.', clock: 'running' },
  partly_denied: {
    title: 'Partly denied, rest being prepared',
    plain: 'Part of your request was denied in writing; we are preparing the rest.',
    clock: 'running',
  },
  fulfilled: { title: 'Fulfilled', plain: 'Your records were provided.', clock: 'stopped', terminal: true },
  partly_fulfilled: {
    title: 'Partly fulfilled, partly denied',
    plain: 'We provided part of your records; the rest was denied in writing.',
    clock: 'stopped',
  },
  denied: { title: 'Denied in writing', plain: 'Your request was denied. Our letter explains why and what you can do.', clock: 'stopped' },
  referred: {
    title: 'Not held here (referred)',
    plain: 'We do not hold these records. Our letter tells you where to send your request.',
    clock: 'stopped',
    terminal: true,
  },
  review_requested: {
    title: 'Review requested',
    plain: 'You asked for the denial to be reviewed. We are choosing a reviewing professional.',
    clock: 'paused',
  },
  under_review: {
    title: 'Under review',
    plain: 'A licensed health professional who was not involved in the denial is reviewing it.',
    clock: 'paused',
  },
  review_upheld: { title: 'Review upheld the denial', plain: 'The reviewer upheld the denial.', clock: 'stopped', terminal: true },
  review_reversed: {
    title: 'Review reversed the denial',
    plain: 'The reviewer reversed the denial; we are preparing your records.',
    clock: 'paused',
  },
  withdrawn: WITHDRAWN,
} satisfies Record<string, StateDefinition>;

type AccessState = keyof typeof states;

const isReviewable = (ground: unknown) => (REVIEWABLE_GROUNDS as readonly unknown[]).includes(ground);

/** A reviewable ground must be determined by a licensed health-care professional (164.524(a)(3)). */
const reviewableGroundsNeedLicensedDetermination: Guard = (_request, input, context) => {
  const grounds = input.grounds as string[];
  if (!grounds.some(isReviewable)) return null;
  const determinedBy = input.determinedBy as string | undefined;
  if (!determinedBy || !context.users[determinedBy]?.licensed) {
    return {
      code: 'LICENSED_DETERMINATION_REQUIRED',
      message: 'a reviewable ground must be determined by a licensed health care professional (determinedBy)',
      citation: '45 CFR 164.524(a)(3)',
    };
  }
  return null;
};

/** Harm through a representative applies only when a personal representative asked (164.524(a)(3)(iii)). */
const representativeGroundNeedsRepresentative: Guard = (request, input) =>
  (input.grounds as string[]).includes('harm_through_representative') &&
  (request.details.requester as { type?: string } | undefined)?.type !== 'personal_representative'
    ? {
        code: 'GROUND_NEEDS_REPRESENTATIVE',
        message: 'this ground applies only to a request made by a personal representative',
        citation: '45 CFR 164.524(a)(3)(iii)',
      }
    : null;

const denyInput = {
  grounds: { type: 'enum[]', values: DENIAL_GROUNDS, minItems: 1, required: true },
  basis: {
    type: 'text',
    maxLength: 4000,
    required: true,
    description: 'The basis for the denial in plain language; goes into the letter.',
  },
  determinedBy: {
    type: 'uuid',
    ref: 'user',
    description: 'The licensed health care professional who made the determination (required for reviewable grounds).',
  },
} as const;

const denialDecision = (input: Record<string, unknown>, actorId: string) => ({
  grounds: input.grounds,
  basis: input.basis,
  deniedBy: actorId,
  determinedBy: input.determinedBy ?? null,
  reviewable: (input.grounds as string[]).some(isReviewable),
});

/** Right of access: inspect and obtain a copy (45 CFR 164.524). */
export const accessMachine = {
  type: 'access',
  title: 'Access to records (inspect and copy)',
  plainTitle: 'See or get a copy of your health records',
  citation: '45 CFR 164.524',
  initial: 'received',
  states,
  transitions: {
    received: {
      verify_identity: 'received',
      withdraw: 'withdrawn',
      extend: 'received',
      grant: 'granted',
      deny: 'denied',
      deny_in_part: 'partly_denied',
      refer: 'referred',
    },
    granted: { verify_identity: 'granted', withdraw: 'withdrawn', extend: 'granted', fulfil: 'fulfilled', deny_in_part: 'partly_denied' },
    partly_denied: { verify_identity: 'partly_denied', withdraw: 'withdrawn', extend: 'partly_denied', fulfil: 'partly_fulfilled' },
    denied: { verify_identity: 'denied', withdraw: 'withdrawn', request_review: 'review_requested' },
    partly_fulfilled: { verify_identity: 'partly_fulfilled', withdraw: 'withdrawn', request_review: 'review_requested' },
    review_requested: { verify_identity: 'review_requested', withdraw: 'withdrawn', assign_reviewer: 'under_review' },
    under_review: {
      verify_identity: 'under_review',
      withdraw: 'withdrawn',
      uphold_denial: 'review_upheld',
      reverse_denial: 'review_reversed',
    },
    review_reversed: { verify_identity: 'review_reversed', withdraw: 'withdrawn', fulfil: 'fulfilled' },
  },
  actions: {
    verify_identity: verifyIdentity,
    withdraw,
    extend: extendAction('45 CFR 164.524(b)(2)(ii)'),
    grant: {
      title: 'Grant access (the clock keeps running until it is provided)',
      citation: '45 CFR 164.524(b)(2)(i)(A)',
      by: ['privacy_officer'],
      input: {
        accessType: { type: 'enum', values: ['inspect', 'copy', 'both'], required: true },
        format: {
          type: 'enum',
          values: ['paper', 'electronic'],
          description: 'For copies: the form the patient asked for, if readily producible.',
        },
        delivery: { type: 'enum', values: DELIVERY_METHODS, required: true },
        note: { type: 'string', maxLength: 500 },
      },
      guards: [
        (_request, input) =>
          input.accessType !== 'inspect' && !input.format
            ? { code: 'FORMAT_REQUIRED', message: 'say in which form the copy will be provided', citation: '45 CFR 164.524(c)(2)' }
            : null,
      ],
      apply: (_request, input, context) => ({
        decision: {
          grantedOn: context.today,
          grantedBy: context.actor.id,
          accessType: input.accessType,
          format: input.format ?? null,
          delivery: input.delivery,
        },
      }),
    },
    fulfil: {
      title: 'Record that access was provided (stops the clock)',
      citation: '45 CFR 164.524(c)',
      by: ['privacy_officer'],
      input: {
        deliveredVia: { type: 'enum', values: DELIVERY_METHODS, required: true },
        feeCents: { type: 'integer', min: 0, max: 1_000_000, description: 'Fee charged, if any (see the fee calculator).' },
      },
      guards: [identityVerified],
      apply: (_request, input, context) => ({
        decision: { fulfilledOn: context.today, deliveredVia: input.deliveredVia, feeCents: input.feeCents ?? 0 },
      }),
      effects: () => [{ kind: 'letter', template: 'access_fulfilment' }],
    },
    deny: {
      title: 'Deny in writing (stops the clock)',
      citation: '45 CFR 164.524(a)(2)-(3), (d)',
      by: ['privacy_officer'],
      input: denyInput,
      guards: [reviewableGroundsNeedLicensedDetermination, representativeGroundNeedsRepresentative],
      apply: (_request, input, context) => ({
        decision: { ...denialDecision(input, context.actor.id), deniedOn: context.today, partial: false },
      }),
      effects: () => [{ kind: 'letter', template: 'access_denial', citation: '45 CFR 164.524(d)(2)' }],
    },
    deny_in_part: {
      title: 'Deny part in writing; provide the rest',
      citation: '45 CFR 164.524(d)(1)',
      by: ['privacy_officer'],
      input: {
        ...denyInput,
        withheld: { type: 'string', maxLength: 1000, required: true, description: 'What is withheld (described, not quoted).' },
      },
      guards: [reviewableGroundsNeedLicensedDetermination, representativeGroundNeedsRepresentative],
      apply: (_request, input, context) => ({
        decision: { ...denialDecision(input, context.actor.id), deniedOn: context.today, partial: true, withheld: input.withheld },
      }),
      effects: () => [{ kind: 'letter', template: 'access_denial', citation: '45 CFR 164.524(d)(2)' }],
    },
    refer: {
      title: 'Not held here: tell the patient where to send it',
      citation: '45 CFR 164.524(d)(3)',
      by: ['privacy_officer'],
      input: {
        holderName: { type: 'string', maxLength: 200, required: true, description: 'Who holds the records.' },
        holderAddress: { type: 'string', maxLength: 500, required: true },
      },
      apply: (_request, input, context) => ({
        decision: { referredOn: context.today, holderName: input.holderName, holderAddress: input.holderAddress },
      }),
      effects: () => [{ kind: 'letter', template: 'access_referral', citation: '45 CFR 164.524(d)(3)' }],
    },
    request_review: {
      title: 'Record the patient’s request for review',
      citation: '45 CFR 164.524(a)(4), (d)(4)',
      by: ['privacy_officer', 'patient'],
      input: {},
      guards: [
        (request) =>
          request.decision.reviewable
            ? null
            : {
                code: 'DENIAL_NOT_REVIEWABLE',
                message: 'the denial rests only on grounds that have no right to review',
                citation: '45 CFR 164.524(a)(2)',
              },
      ],
      apply: (_request, _input, context) => ({ decision: { reviewRequestedOn: context.today } }),
    },
    assign_reviewer: {
      title: 'Designate the reviewing official',
      citation: '45 CFR 164.524(a)(4)',
      by: ['privacy_officer'],
      input: { reviewerId: { type: 'uuid', ref: 'user', required: true } },
      guards: [
        (_request, input, context) => {
          const reviewer = context.users[input.reviewerId as string];
          return reviewer?.licensed && reviewer.roles.includes('reviewer')
            ? null
            : {
                code: 'REVIEWER_NOT_LICENSED',
                message: 'the reviewing official must be a licensed health care professional',
                citation: '45 CFR 164.524(a)(4)',
              };
        },
        (request, input) =>
          [request.decision.deniedBy, request.decision.determinedBy].includes(input.reviewerId)
            ? {
                code: 'REVIEWER_WAS_INVOLVED',
                message: 'the reviewer must not have been involved in the denial',
                citation: '45 CFR 164.524(a)(4)',
              }
            : null,
      ],
      apply: (_request, input, context) => ({ decision: { reviewerId: input.reviewerId, referredForReviewOn: context.today } }),
    },
    uphold_denial: {
      title: 'Reviewer upholds the denial',
      citation: '45 CFR 164.524(d)(4)',
      by: ['reviewer'],
      input: {
        standardsApplied: {
          type: 'enum[]',
          values: REVIEWABLE_GROUNDS,
          minItems: 1,
          required: true,
          description: 'Only the 164.524(a)(3) standards.',
        },
        explanation: { type: 'text', maxLength: 4000, required: true },
      },
      guards: [
        (request, _input, context) =>
          request.decision.reviewerId === context.actor.id
            ? null
            : {
                code: 'NOT_ASSIGNED_REVIEWER',
                message: 'only the designated reviewing official decides',
                citation: '45 CFR 164.524(d)(4)',
              },
      ],
      apply: (_request, input, context) => ({
        decision: {
          reviewOutcome: 'upheld',
          reviewDecidedOn: context.today,
          reviewStandards: input.standardsApplied,
          reviewExplanation: input.explanation,
        },
      }),
      effects: () => [{ kind: 'letter', template: 'review_outcome', citation: '45 CFR 164.524(d)(4)' }],
    },
    reverse_denial: {
      title: 'Reviewer reverses the denial; access must then be provided',
      citation: '45 CFR 164.524(d)(4)',
      by: ['reviewer'],
      input: { explanation: { type: 'text', maxLength: 4000, required: true } },
      guards: [
        (request, _input, context) =>
          request.decision.reviewerId === context.actor.id
            ? null
            : {
                code: 'NOT_ASSIGNED_REVIEWER',
                message: 'only the designated reviewing official decides',
                citation: '45 CFR 164.524(d)(4)',
              },
      ],
      apply: (_request, input, context) => ({
        decision: { reviewOutcome: 'reversed', reviewDecidedOn: context.today, reviewExplanation: input.explanation },
      }),
      effects: () => [{ kind: 'letter', template: 'review_outcome', citation: '45 CFR 164.524(d)(4)' }],
    },
  },
} satisfies MachineDefinition<AccessState>;
