import type { RequestType } from '#domain';
import { startTestApi, type TestApi } from '../support/api-app.js';
import {
  PROBLEM_JSON,
  RequestDriver,
  SELF_PAY_RESTRICTION,
  daysAgo,
  newPatient,
  plusDays,
  sixYearsAfter,
  todayIn,
  type IntakeOptions,
  type Json,
  type TypeCatalogue,
} from '../support/request-scenarios.js';
import { createStaff, type StaffMember } from '../support/staff.js';

/**
 * Every request type walked over HTTP from intake to each of its end states, and
 * every rule that refuses an action answered with 409 and its reason code
 * (the state machines: libs/domain/src/requests/<type>/<type>.machine.ts;
 * the law: /work/shared/design/hipaa-rights.md).
 */

/** The staff who act in these tests. */
type Who =
  | 'officer'
  /** A licensed professional who makes (a)(3) determinations for denials; never the review official. */
  | 'determiner'
  /** The licensed review official designated for reviews. */
  | 'reviewer'
  /** A privacy officer who is also a licensed reviewer. */
  | 'officerReviewer'
  /** A licensed reviewer who is also an auditor, so sees every request. */
  | 'auditorReviewer'
  | 'auditor';

type Cast = Record<Who, StaffMember>;

interface Ctx {
  cast: Cast;
  driver: RequestDriver;
  /** The request as the previous step left it. */
  request: Json;
  /** Today on the organisation's calendar. */
  today: string;
}

type Input = Json | ((ctx: Ctx) => Json);
type Intake = (ctx: Omit<Ctx, 'request'>) => IntakeOptions | Promise<IntakeOptions>;

interface Step {
  action: string;
  to: string;
  input?: Input;
  as?: Who;
}

const step = (action: string, to: string, input?: Input, as?: Who): Step => ({ action, to, input, as });
const resolve = (input: Input | undefined, ctx: Ctx): Json => (typeof input === 'function' ? input(ctx) : (input ?? {}));

interface Scenario {
  title: string;
  type: RequestType;
  intake?: Intake;
  steps: Step[];
  /** Extra assertions on the final request. */
  check?: (final: Json, ctx: Ctx) => void;
}

/** A scenario titled with its path through the machine, e.g. "access: received → granted → fulfilled (45 CFR …)". */
function lifecycle(
  type: RequestType,
  citation: string,
  steps: Step[],
  options: { note?: string; intake?: Intake; check?: Scenario['check'] } = {},
): Scenario {
  const path = ['received', ...steps.map((s) => s.to)].filter((state, index, all) => index === 0 || state !== all[index - 1]);
  const note = options.note ? `, ${options.note}` : '';
  return { title: `${type}: ${path.join(' → ')}${note} (${citation})`, type, steps, intake: options.intake, check: options.check };
}

// ---- Inputs used by several scenarios -------------------------------------------------------------------------------------------

const verified = { method: 'photo_id_in_person', documentsRelied: 'Driver licence seen at the front desk' };
const reasons = 'The records are archived off site and must be retrieved.';
const extendToMax = (ctx: Ctx) => ({ reasons, newDueOn: ctx.request.deadline.extensionMaxOn });
const reviewableDenial = (ctx: Ctx) => ({
  grounds: ['endangers_life_or_safety'],
  basis: 'A licensed professional determined that access is reasonably likely to endanger the patient’s life.',
  determinedBy: ctx.cast.determiner.user.id,
});
const assignReviewer = (ctx: Ctx) => ({ reviewerId: ctx.cast.reviewer.user.id });
const amendmentDenial = { grounds: ['accurate_and_complete'], basis: 'The allergy entry is accurate and complete.' };
const holder = { name: 'Dr. Lee, Cardiology', kind: 'known_holder' };
const accountingPeriod = (ctx: Ctx) => ({ periodFrom: plusDays(ctx.today, -6 * 365), periodTo: ctx.today });
const feeNotice = {
  feeCents: 2500,
  explanation: 'Staff time to compile the list: 1 hour at $25. Narrow or withdraw the request to avoid it.',
};
const disposition = { disposition: 'The request was answered late; staff retrained on the 30-day rule.', outcome: 'substantiated' };

/** A first accounting for a new patient, provided free today: the next one within 12 months may carry a fee. */
const afterAProvidedAccounting: Intake = async ({ driver, today }) => {
  const first = await driver.create('accounting');
  await driver.walk(first.id, [
    ['verify_identity', verified],
    ['provide', { periodFrom: plusDays(today, -365), periodTo: today }],
  ]);
  return { patientId: first.patientId };
};

// ---- 1. Every type, intake to each end state ------------------------------------------------------------------------------------

const SCENARIOS: Scenario[] = [
  // Access (45 CFR 164.524)
  lifecycle('access', '45 CFR 164.524(b)(2)(i)(A), (c)', [
    step('verify_identity', 'received', verified),
    step('grant', 'granted', { accessType: 'copy', format: 'electronic', delivery: 'portal' }),
    step('fulfil', 'fulfilled', { deliveredVia: 'portal', feeCents: 0 }),
  ]),
  lifecycle(
    'access',
    '45 CFR 164.524(b)(2)(ii)',
    [
      step('extend', 'received', extendToMax),
      step('verify_identity', 'received', verified),
      step('grant', 'granted', { accessType: 'both', format: 'paper', delivery: 'pickup' }),
      step('fulfil', 'fulfilled', { deliveredVia: 'pickup', feeCents: 650 }),
    ],
    {
      note: 'after one extension to the 60-day maximum',
      check: (final) => {
        expect(final.extended).toBe(true);
        expect(final.dueOn).toBe(final.deadline.extensionMaxOn);
        expect(final.dueOn).toBe(plusDays(final.receivedOn, 60));
      },
    },
  ),
  lifecycle('access', '45 CFR 164.524(d)(3)', [
    step('refer', 'referred', { holderName: 'Riverside Imaging Center', holderAddress: '1 River Road, Springfield' }),
  ]),
  lifecycle(
    'access',
    '45 CFR 164.524(a)(3)-(4), (d)(4)',
    [
      step('deny', 'denied', reviewableDenial),
      step('request_review', 'review_requested'),
      step('assign_reviewer', 'under_review', assignReviewer),
      step(
        'uphold_denial',
        'review_upheld',
        { standardsApplied: ['endangers_life_or_safety'], explanation: 'The risk is real.' },
        'reviewer',
      ),
    ],
    {
      check: (final, { cast }) =>
        expect(final.decision).toMatchObject({ reviewable: true, reviewerId: cast.reviewer.user.id, reviewOutcome: 'upheld' }),
    },
  ),
  lifecycle(
    'access',
    '45 CFR 164.524(d)(4), (c)',
    [
      step('deny', 'denied', reviewableDenial),
      step('request_review', 'review_requested'),
      step('assign_reviewer', 'under_review', assignReviewer),
      step('reverse_denial', 'review_reversed', { explanation: 'The risk is not reasonably likely.' }, 'reviewer'),
      step('verify_identity', 'review_reversed', verified),
      step('fulfil', 'fulfilled', { deliveredVia: 'mail' }),
    ],
    { note: 'the review reversed the denial' },
  ),
  lifecycle(
    'access',
    '45 CFR 164.524(a)(2), (d)(1)',
    [
      step('verify_identity', 'received', verified),
      step('deny_in_part', 'partly_denied', {
        grounds: ['psychotherapy_notes'],
        basis: 'Psychotherapy notes are not part of the access right.',
        withheld: 'Psychotherapy notes of 2024',
      }),
      step('fulfil', 'partly_fulfilled', { deliveredVia: 'portal' }),
    ],
    { check: (final) => expect(final.decision).toMatchObject({ partial: true, reviewable: false }) },
  ),
  lifecycle(
    'access',
    '45 CFR 164.524(a)(2)',
    [step('deny', 'denied', { grounds: ['litigation_material'], basis: 'Compiled in anticipation of litigation.' })],
    {
      note: 'on an unreviewable ground only',
      check: (final) => expect(final.decision).toMatchObject({ reviewable: false, partial: false }),
    },
  ),
  lifecycle('access', '45 CFR 164.524', [
    step('grant', 'granted', { accessType: 'inspect', delivery: 'inspection' }),
    step('withdraw', 'withdrawn', { note: 'Patient called to withdraw.' }),
  ]),

  // Amendment (45 CFR 164.526)
  lifecycle(
    'amendment',
    '45 CFR 164.526(b)(2)(i)(A), (c)',
    [
      step('verify_identity', 'received', verified),
      step('accept', 'accepted', { recordsAffected: 'Allergy list', personsToNotify: [holder] }),
      // Names match whatever their letter case (the guard compares them case-insensitively).
      step('complete_notifications', 'amended', {
        amendmentLinked: true,
        persons: [{ ...holder, name: 'dr. lee, cardiology', outcome: 'sent' }],
      }),
    ],
    { check: (final) => expect(final.decision.notificationsCompletedOn).toBe(final.receivedOn) },
  ),
  lifecycle(
    'amendment',
    '45 CFR 164.526(b)(2)(ii), (d)(2)-(3)',
    [
      step('extend', 'received', extendToMax),
      step('deny', 'denied', amendmentDenial),
      step('file_disagreement', 'disagreement_filed', { statement: 'I never had an allergic reaction.' }),
      step('prepare_rebuttal', 'rebuttal_prepared', { rebuttal: 'The 2019 reaction is documented by the emergency department.' }),
      step('send_rebuttal_copy', 'closed_with_rebuttal', { sentVia: 'mail' }),
    ],
    { check: (final) => expect(final.dueOn).toBe(plusDays(final.receivedOn, 90)) },
  ),
  lifecycle('amendment', '45 CFR 164.526(d)(2), (d)(4)-(5)(i)', [
    step('deny', 'denied', amendmentDenial),
    step('file_disagreement', 'disagreement_filed', { statement: 'I never had an allergic reaction.' }),
    step('close_without_rebuttal', 'closed_with_disagreement', { note: 'No rebuttal.' }),
  ]),
  lifecycle('amendment', '45 CFR 164.526(d)(1)(iii), (d)(5)(ii)', [
    step('deny', 'denied', amendmentDenial),
    step('close_without_disagreement', 'closed_no_disagreement', { includeWithFutureDisclosures: true }),
  ]),
  lifecycle(
    'amendment',
    '45 CFR 164.526(c)(1), (c)(3), (d)(1)',
    [
      step('verify_identity', 'received', verified),
      step('deny_in_part', 'denied', {
        ...amendmentDenial,
        acceptedPart: 'The date of the 2019 entry is corrected.',
        recordsAffected: 'Allergy list',
        personsToNotify: [holder],
      }),
      step('complete_notifications', 'denied', {
        amendmentLinked: true,
        persons: [{ ...holder, outcome: 'failed_after_reasonable_effort' }],
      }),
      step('close_without_disagreement', 'closed_no_disagreement', { includeWithFutureDisclosures: false }),
    ],
    { note: 'accepted in part, the accepted part shared first' },
  ),
  lifecycle('amendment', '45 CFR 164.526', [step('withdraw', 'withdrawn', { note: 'Withdrawn by letter.' })]),

  // Accounting of disclosures (45 CFR 164.528)
  lifecycle(
    'accounting',
    '45 CFR 164.528(b), (c)(1)',
    [
      step('extend', 'received', extendToMax),
      step('verify_identity', 'received', verified),
      step('provide', 'provided', (ctx) => ({ ...accountingPeriod(ctx) })),
    ],
    {
      note: 'the first in 12 months, free, after one extension',
      check: (final) => {
        expect(final.details.subsequentWithinTwelveMonths).toBe(false);
        expect(final.decision).toMatchObject({ feeCents: 0 });
        expect(final.dueOn).toBe(plusDays(final.receivedOn, 90));
      },
    },
  ),
  lifecycle(
    'accounting',
    '45 CFR 164.528(c)(2)',
    [
      step('send_fee_notice', 'fee_notice_sent', feeNotice),
      step('accept_fee', 'fee_accepted', { note: 'Accepted by phone.' }),
      step('verify_identity', 'fee_accepted', verified),
      step('provide', 'provided', (ctx) => ({ ...accountingPeriod(ctx), feeCents: 2500 })),
    ],
    {
      note: 'a second within 12 months, with the fee agreed in advance',
      intake: afterAProvidedAccounting,
      check: (final) => {
        expect(final.details.subsequentWithinTwelveMonths).toBe(true);
        expect(final.decision).toMatchObject({ feeResponse: 'accepted', feeAgreedCents: 2500, feeCents: 2500 });
      },
    },
  ),
  lifecycle(
    'accounting',
    '45 CFR 164.528(a)(3), (c)(2)',
    [
      step('send_fee_notice', 'fee_notice_sent', feeNotice),
      step('modify_request', 'fee_accepted', (ctx) => ({ periodFrom: plusDays(ctx.today, -365), periodTo: ctx.today, feeCents: 1000 })),
      step('verify_identity', 'fee_accepted', verified),
      step('provide', 'provided', (ctx) => ({
        periodFrom: plusDays(ctx.today, -365),
        periodTo: ctx.today,
        feeCents: 1000,
      })),
    ],
    { note: 'narrowed to a lower fee', intake: afterAProvidedAccounting },
  ),
  lifecycle('accounting', '45 CFR 164.514(h)(1)', [
    step('refuse_unverified', 'refused_unverified', { reason: 'identity_not_verified', note: 'Two call-backs unanswered.' }),
  ]),
  lifecycle(
    'accounting',
    '45 CFR 164.528(c)(2)',
    [step('send_fee_notice', 'fee_notice_sent', feeNotice), step('withdraw', 'withdrawn', { note: 'Declined the fee.' })],
    { note: 'after the fee notice', intake: afterAProvidedAccounting },
  ),

  // Restrictions (45 CFR 164.522(a))
  lifecycle('restriction', '45 CFR 164.522(a)(1)(ii)-(iii)', [step('agree', 'agreed', { note: 'Flag set in the EHR.' })], {
    note: 'in force',
    check: (final) => expect(final.decision.selfPay).toBe(false),
  }),
  lifecycle('restriction', '45 CFR 164.522(a)(1)(ii)', [step('decline', 'declined', { explanation: 'Our system cannot honor it.' })]),
  lifecycle(
    'restriction',
    '45 CFR 164.522(a)(1)(iii)-(iv), (a)(2)(i)-(ii)',
    [
      step('agree', 'agreed'),
      step('record_emergency_use', 'agreed', { treatingProvider: 'County Hospital ED', redisclosureRequestMade: true }),
      step('terminate_by_individual', 'terminated', { form: 'oral', documentedBy: 'Phone call noted by the privacy officer.' }),
    ],
    { note: 'by the individual, orally and documented' },
  ),
  lifecycle(
    'restriction',
    '45 CFR 164.522(a)(2)(iii)',
    [step('agree', 'agreed'), step('terminate_by_clinic', 'terminated', (ctx) => ({ noticeOn: ctx.today }))],
    { note: 'by the clinic after notice', check: (final) => expect(final.decision.terminatedBy).toBe('clinic') },
  ),
  lifecycle(
    'restriction',
    '45 CFR 164.522(a)(1)(vi), (a)(2)(i)',
    [step('agree', 'agreed'), step('terminate_by_individual', 'terminated', { form: 'written' })],
    {
      note: 'a self-pay restriction, ended by the individual in writing',
      intake: () => ({ details: SELF_PAY_RESTRICTION }),
      check: (final) => expect(final.decision).toMatchObject({ selfPay: true, terminatedBy: 'individual' }),
    },
  ),
  lifecycle('restriction', '45 CFR 164.522(a)', [step('withdraw', 'withdrawn')]),

  // Confidential communications (45 CFR 164.522(b))
  lifecycle(
    'confidential_communication',
    '45 CFR 164.522(b)(1), (b)(2)(ii)',
    [step('accommodate', 'accommodated', { alternativeAddress: 'PO Box 12, Springfield' })],
    { note: 'in force', check: (final) => expect(final.decision.organisationKind).toBe('provider') },
  ),
  lifecycle('confidential_communication', '45 CFR 164.522(b)(1)', [
    step('decline_unreasonable', 'declined', {
      reasonCode: 'not_reasonable_to_accommodate',
      explanation: 'We cannot deliver to a location outside the country.',
    }),
  ]),
  lifecycle(
    'confidential_communication',
    '45 CFR 164.522(b)',
    [step('accommodate', 'accommodated', { alternativeContactMethod: 'Portal messages only' }), step('withdraw', 'withdrawn')],
    { note: 'the arrangement lifted' },
  ),

  // Paper copy of the notice of privacy practices (45 CFR 164.520)
  lifecycle(
    'notice_copy',
    '45 CFR 164.520(c)',
    [step('send', 'sent', { method: 'paper', noticeVersion: '2025-01-01', address: '12 Elm Street, Springfield' })],
    { note: 'on paper', intake: () => ({ noPatient: true }) },
  ),
  lifecycle('notice_copy', '45 CFR 164.520(c)(3)', [step('send', 'sent', { method: 'email', noticeVersion: '2025-01-01' })], {
    note: 'by e-mail, as asked',
    intake: () => ({ noPatient: true, details: { paperRequested: false } }),
  }),
  lifecycle('notice_copy', '45 CFR 164.520(a)(3)', [step('decline_inmate', 'declined', { note: 'Letter from the county jail.' })], {
    note: 'an inmate',
    intake: () => ({ noPatient: true, details: { requesterIsInmate: true } }),
  }),
  lifecycle('notice_copy', '45 CFR 164.520', [step('withdraw', 'withdrawn')], { intake: () => ({ noPatient: true }) }),

  // Complaints (45 CFR 164.530(d))
  lifecycle('complaint', '45 CFR 164.530(d)(1)-(2), (e)(2)', [
    step('investigate', 'investigating', (ctx) => ({ investigatorId: ctx.cast.officer.user.id })),
    step('resolve', 'resolved', { ...disposition, sanctionsApplied: true, sanctionsDescription: 'Written warning to the clerk.' }),
  ]),
  lifecycle(
    'complaint',
    '45 CFR 164.530(d)(2)',
    [step('resolve', 'resolved', { disposition: 'Explained the fee schedule.', outcome: 'unsubstantiated', sanctionsApplied: false })],
    { note: 'without an investigation', intake: () => ({ noPatient: true }) },
  ),
  lifecycle('complaint', '45 CFR 164.530(d)(2)', [step('investigate', 'investigating'), step('withdraw', 'withdrawn')], {
    check: (final) => expect(final.decision.investigatorId).toBeTruthy(),
  }),

  // Revocation of an authorization (45 CFR 164.508(b)(5))
  lifecycle(
    'authorization_revocation',
    '45 CFR 164.508(b)(5)(i)',
    [
      step('confirm_effective', 'effective', (ctx) => ({
        authorizationReference: 'AUTH-2025-0042',
        disclosuresInReliance: [{ description: 'Records to the life insurer', madeOn: plusDays(ctx.today, -3) }],
      })),
    ],
    {
      note: 'in writing',
      check: (final) =>
        expect(final.decision).toMatchObject({ effectiveOn: final.receivedOn, disclosuresInReliance: [{ reversible: false }] }),
    },
  ),
  lifecycle(
    'authorization_revocation',
    '45 CFR 164.508(b)(5)',
    [
      step('receive_writing', 'received', (ctx) => ({ receivedOn: plusDays(ctx.today, -1) })),
      step('confirm_effective', 'effective', { authorizationReference: 'AUTH-2025-0042' }),
    ],
    {
      note: 'oral first, effective when the writing arrived',
      intake: () => ({ details: { form: 'oral' }, receivedAt: daysAgo(3) }),
      check: (final, { today }) => expect(final.decision).toMatchObject({ revocationForm: 'oral', effectiveOn: plusDays(today, -1) }),
    },
  ),
  lifecycle(
    'authorization_revocation',
    '45 CFR 164.508(b)(5)',
    [step('close_without_writing', 'not_in_writing', { note: 'Reminder letter sent, no answer.' })],
    { note: 'oral, never in writing', intake: () => ({ details: { form: 'oral' } }) },
  ),
  lifecycle('authorization_revocation', '45 CFR 164.508(b)(5)', [step('withdraw', 'withdrawn')], {
    note: 'an oral revocation withdrawn',
    intake: () => ({ details: { form: 'oral' } }),
  }),

  // Objections and opt-outs (45 CFR 164.510(a)-(b), 164.514(f))
  lifecycle('communication_opt_out', '45 CFR 164.514(f)(2)(iv)', [step('apply', 'applied', { note: 'Removed from the campaign list.' })], {
    note: 'in force',
    check: (final) => expect(final.decision.appliesTo).toBe('all_future_fundraising_communications'),
  }),
  lifecycle(
    'communication_opt_out',
    '45 CFR 164.510(a)(2)',
    [step('apply', 'applied'), step('withdraw', 'withdrawn', { note: 'Patient asked to be listed again.' })],
    {
      note: 'a directory restriction lifted',
      intake: () => ({ details: { kind: 'directory_restriction', fields: ['religion', 'condition'] } }),
      check: (final) => expect(final.decision.directoryFields).toEqual(['religion', 'condition']),
    },
  ),
  lifecycle('communication_opt_out', '45 CFR 164.510(b)(2)', [step('withdraw', 'withdrawn')], {
    note: 'an objection withdrawn before it was applied',
    intake: () => ({ details: { kind: 'family_disclosure_objection', person: 'Brother' }, channel: 'phone' }),
  }),
];

// ---- 2. Refusals: 409 with the rule's reason code, nothing changed -----------------------------------------------------------------

interface Refusal {
  title: string;
  type: RequestType;
  intake?: Intake;
  /** Actions that bring the request to the state the refusal is tried in. */
  setup?: Step[];
  action: string;
  input?: Input;
  as?: Who;
  reason: string;
}

const refusal = (type: RequestType, title: string, reason: string, spec: Omit<Refusal, 'title' | 'type' | 'reason'>): Refusal => ({
  title: `${type}: ${title} → ${reason}`,
  type,
  reason,
  ...spec,
});

const deniedForReview = [step('deny', 'denied', reviewableDenial), step('request_review', 'review_requested')];
const partlyAccepted = [
  step('verify_identity', 'received', verified),
  step('deny_in_part', 'denied', {
    ...amendmentDenial,
    acceptedPart: 'The date of the 2019 entry is corrected.',
    recordsAffected: 'Allergy list',
    personsToNotify: [holder],
  }),
];
const provideInput = (feeCents?: number) => (ctx: Ctx) => ({ ...accountingPeriod(ctx), feeCents });

const REFUSALS: Refusal[] = [
  // Access
  refusal('access', 'fulfil before any decision', 'NOT_ALLOWED_IN_STATE', { action: 'fulfil', input: { deliveredVia: 'portal' } }),
  refusal('access', 'review of a request not denied', 'NOT_ALLOWED_IN_STATE', { action: 'request_review' }),
  refusal('access', 'a second extension (45 CFR 164.524(b)(2)(ii))', 'EXTENSION_ALREADY_USED', {
    setup: [step('extend', 'received', (ctx) => ({ reasons, newDueOn: plusDays(ctx.request.dueOn, 10) }))],
    action: 'extend',
    input: extendToMax,
  }),
  refusal('access', 'an extension past 30 more days (45 CFR 164.524(b)(2)(ii))', 'EXTENSION_BEYOND_MAXIMUM', {
    action: 'extend',
    input: (ctx) => ({ reasons, newDueOn: plusDays(ctx.request.deadline.extensionMaxOn, 1) }),
  }),
  refusal('access', 'an extension to a date not after the due date (45 CFR 164.524(b)(2)(ii))', 'EXTENSION_NOT_LATER', {
    action: 'extend',
    input: (ctx) => ({ reasons, newDueOn: ctx.request.dueOn }),
  }),
  refusal('access', 'an extension noticed after the 30 days ran out (45 CFR 164.524(b)(2)(ii))', 'EXTENSION_TOO_LATE', {
    intake: () => ({ receivedAt: daysAgo(40) }),
    action: 'extend',
    input: extendToMax,
  }),
  refusal('access', 'fulfil before identity verification (45 CFR 164.514(h)(1))', 'IDENTITY_NOT_VERIFIED', {
    setup: [step('grant', 'granted', { accessType: 'copy', format: 'electronic', delivery: 'email' })],
    action: 'fulfil',
    input: { deliveredVia: 'email' },
  }),
  refusal('access', 'a copy granted without its form (45 CFR 164.524(c)(2))', 'FORMAT_REQUIRED', {
    action: 'grant',
    input: { accessType: 'copy', delivery: 'mail' },
  }),
  refusal('access', 'a reviewable ground determined by an unlicensed officer (45 CFR 164.524(a)(3))', 'LICENSED_DETERMINATION_REQUIRED', {
    action: 'deny',
    input: (ctx) => ({ ...reviewableDenial(ctx), determinedBy: ctx.cast.officer.user.id }),
  }),
  refusal('access', 'harm through a representative when the patient asked (45 CFR 164.524(a)(3)(iii))', 'GROUND_NEEDS_REPRESENTATIVE', {
    action: 'deny',
    input: (ctx) => ({ ...reviewableDenial(ctx), grounds: ['harm_through_representative'] }),
  }),
  refusal('access', 'review of a denial on (a)(2) grounds only (45 CFR 164.524(a)(2))', 'DENIAL_NOT_REVIEWABLE', {
    setup: [step('deny', 'denied', { grounds: ['psychotherapy_notes', 'privacy_act'], basis: 'Not subject to access.' })],
    action: 'request_review',
  }),
  refusal('access', 'an unlicensed review official (45 CFR 164.524(a)(4))', 'REVIEWER_NOT_LICENSED', {
    setup: deniedForReview,
    action: 'assign_reviewer',
    input: (ctx) => ({ reviewerId: ctx.cast.officer.user.id }),
  }),
  refusal('access', 'the professional who determined the denial as reviewer (45 CFR 164.524(a)(4))', 'REVIEWER_WAS_INVOLVED', {
    setup: deniedForReview,
    action: 'assign_reviewer',
    input: (ctx) => ({ reviewerId: ctx.cast.determiner.user.id }),
  }),
  refusal('access', 'the officer who denied as reviewer (45 CFR 164.524(a)(4))', 'REVIEWER_WAS_INVOLVED', {
    setup: [step('deny', 'denied', reviewableDenial, 'officerReviewer'), step('request_review', 'review_requested')],
    action: 'assign_reviewer',
    input: (ctx) => ({ reviewerId: ctx.cast.officerReviewer.user.id }),
  }),
  refusal('access', 'a decision by a reviewer not designated (45 CFR 164.524(d)(4))', 'NOT_ASSIGNED_REVIEWER', {
    setup: [...deniedForReview, step('assign_reviewer', 'under_review', assignReviewer)],
    action: 'uphold_denial',
    input: { standardsApplied: ['endangers_life_or_safety'], explanation: 'Not mine to decide.' },
    as: 'auditorReviewer',
  }),

  // Amendment
  refusal('amendment', 'closing once a rebuttal is prepared, before its copy is sent (45 CFR 164.526(d)(3))', 'NOT_ALLOWED_IN_STATE', {
    setup: [
      step('deny', 'denied', amendmentDenial),
      step('file_disagreement', 'disagreement_filed', { statement: 'I disagree.' }),
      step('prepare_rebuttal', 'rebuttal_prepared', { rebuttal: 'The entry stands.' }),
    ],
    action: 'close_without_rebuttal',
  }),
  refusal('amendment', 'an extension past 30 more days (45 CFR 164.526(b)(2)(ii))', 'EXTENSION_BEYOND_MAXIMUM', {
    action: 'extend',
    input: (ctx) => ({ reasons, newDueOn: plusDays(ctx.request.dueOn, 31) }),
  }),
  refusal('amendment', 'accepting before identity verification (45 CFR 164.514(h))', 'IDENTITY_NOT_VERIFIED', {
    action: 'accept',
    input: { recordsAffected: 'Allergy list', personsToNotify: [] },
  }),
  refusal('amendment', 'accepting in part before identity verification (45 CFR 164.514(h))', 'IDENTITY_NOT_VERIFIED', {
    action: 'deny_in_part',
    input: { ...amendmentDenial, acceptedPart: 'The date.', recordsAffected: 'Allergy list', personsToNotify: [] },
  }),
  refusal('amendment', 'notifications after a full denial (45 CFR 164.526(c))', 'NOTHING_ACCEPTED', {
    setup: [step('deny', 'denied', amendmentDenial)],
    action: 'complete_notifications',
    input: { amendmentLinked: true, persons: [] },
  }),
  refusal('amendment', 'notifications before the amendment is linked (45 CFR 164.526(c)(1))', 'AMENDMENT_NOT_LINKED', {
    setup: [
      step('verify_identity', 'received', verified),
      step('accept', 'accepted', { recordsAffected: 'Allergy list', personsToNotify: [] }),
    ],
    action: 'complete_notifications',
    input: { amendmentLinked: false, persons: [] },
  }),
  refusal('amendment', 'notifications leaving out a person identified (45 CFR 164.526(c)(3))', 'PERSON_NOT_NOTIFIED', {
    setup: [
      step('verify_identity', 'received', verified),
      step('accept', 'accepted', {
        recordsAffected: 'Allergy list',
        personsToNotify: [holder, { name: 'Acme Billing', kind: 'business_associate' }],
      }),
    ],
    action: 'complete_notifications',
    input: { amendmentLinked: true, persons: [{ ...holder, outcome: 'sent' }] },
  }),
  refusal('amendment', 'notifications recorded twice (45 CFR 164.526(c)(3))', 'NOTIFICATIONS_ALREADY_RECORDED', {
    setup: [
      ...partlyAccepted,
      step('complete_notifications', 'denied', { amendmentLinked: true, persons: [{ ...holder, outcome: 'sent' }] }),
    ],
    action: 'complete_notifications',
    input: { amendmentLinked: true, persons: [{ ...holder, outcome: 'sent' }] },
  }),
  refusal('amendment', 'closing a partial acceptance before it is shared (45 CFR 164.526(c)(3))', 'NOTIFICATIONS_PENDING', {
    setup: partlyAccepted,
    action: 'close_without_disagreement',
    input: { includeWithFutureDisclosures: false },
  }),

  // Accounting
  refusal('accounting', 'accepting a fee never noticed', 'NOT_ALLOWED_IN_STATE', { action: 'accept_fee' }),
  refusal('accounting', 'a fee notice on the first accounting in 12 months (45 CFR 164.528(c)(2))', 'FIRST_ACCOUNTING_FREE', {
    action: 'send_fee_notice',
    input: feeNotice,
  }),
  refusal('accounting', 'a second extension (45 CFR 164.528(c)(1)(ii))', 'EXTENSION_ALREADY_USED', {
    setup: [step('extend', 'received', (ctx) => ({ reasons, newDueOn: plusDays(ctx.request.dueOn, 5) }))],
    action: 'extend',
    input: extendToMax,
  }),
  refusal('accounting', 'providing before identity verification (45 CFR 164.514(h)(1))', 'IDENTITY_NOT_VERIFIED', {
    action: 'provide',
    input: provideInput(),
  }),
  refusal('accounting', 'a fee charged on the first accounting in 12 months (45 CFR 164.528(c)(2))', 'FEE_NOT_AGREED', {
    setup: [step('verify_identity', 'received', verified)],
    action: 'provide',
    input: provideInput(500),
  }),
  refusal('accounting', 'a fee charged on a second accounting with no notice (45 CFR 164.528(c)(2))', 'FEE_NOT_AGREED', {
    intake: afterAProvidedAccounting,
    setup: [step('verify_identity', 'received', verified)],
    action: 'provide',
    input: provideInput(2500),
  }),
  refusal('accounting', 'a fee charged before the individual answered the notice (45 CFR 164.528(c)(2))', 'FEE_NOT_AGREED', {
    intake: afterAProvidedAccounting,
    setup: [step('verify_identity', 'received', verified), step('send_fee_notice', 'fee_notice_sent', feeNotice)],
    action: 'provide',
    input: provideInput(2500),
  }),
  refusal('accounting', 'a fee above the one agreed (45 CFR 164.528(c)(2))', 'FEE_NOT_AGREED', {
    intake: afterAProvidedAccounting,
    setup: [
      step('verify_identity', 'received', verified),
      step('send_fee_notice', 'fee_notice_sent', feeNotice),
      step('accept_fee', 'fee_accepted'),
    ],
    action: 'provide',
    input: provideInput(2501),
  }),
  refusal('accounting', 'a narrowed request at a higher fee than noticed (45 CFR 164.528(c)(2))', 'FEE_ABOVE_NOTICE', {
    intake: afterAProvidedAccounting,
    setup: [step('send_fee_notice', 'fee_notice_sent', feeNotice)],
    action: 'modify_request',
    input: (ctx) => ({ periodFrom: plusDays(ctx.today, -30), periodTo: ctx.today, feeCents: 2600 }),
  }),
  refusal('accounting', 'a period that ends before it starts (45 CFR 164.528(a)(3))', 'PERIOD_REVERSED', {
    setup: [step('verify_identity', 'received', verified)],
    action: 'provide',
    input: (ctx) => ({ periodFrom: ctx.today, periodTo: plusDays(ctx.today, -30) }),
  }),
  refusal('accounting', 'a period longer than six years (45 CFR 164.528(a)(1))', 'PERIOD_TOO_LONG', {
    setup: [step('verify_identity', 'received', verified)],
    action: 'provide',
    input: (ctx) => ({ periodFrom: plusDays(ctx.today, -2200), periodTo: ctx.today }),
  }),
  refusal('accounting', 'refusing as unverified once identity is verified (45 CFR 164.514(h)(1))', 'IDENTITY_ALREADY_VERIFIED', {
    setup: [step('verify_identity', 'received', verified)],
    action: 'refuse_unverified',
    input: { reason: 'identity_not_verified' },
  }),
  refusal('accounting', 'refusing for authority once it is verified (45 CFR 164.514(h)(1))', 'AUTHORITY_ALREADY_VERIFIED', {
    setup: [step('verify_identity', 'received', { ...verified, authorityVerified: true })],
    action: 'refuse_unverified',
    input: { reason: 'authority_not_verified' },
  }),

  // Restriction
  refusal('restriction', 'the clinic ending a restriction never agreed', 'NOT_ALLOWED_IN_STATE', {
    action: 'terminate_by_clinic',
    input: (ctx) => ({ noticeOn: ctx.today }),
  }),
  refusal('restriction', 'declining a self-pay restriction (45 CFR 164.522(a)(1)(vi))', 'SELF_PAY_RESTRICTION_MUST_BE_AGREED', {
    intake: () => ({ details: SELF_PAY_RESTRICTION }),
    action: 'decline',
  }),
  refusal(
    'restriction',
    'the clinic ending a self-pay restriction (45 CFR 164.522(a)(2)(iii))',
    'SELF_PAY_RESTRICTION_CANNOT_BE_ENDED_BY_CLINIC',
    {
      intake: () => ({ details: SELF_PAY_RESTRICTION }),
      setup: [step('agree', 'agreed')],
      action: 'terminate_by_clinic',
      input: (ctx) => ({ noticeOn: ctx.today }),
    },
  ),
  refusal('restriction', 'staff withdrawing an agreed restriction (45 CFR 164.522(a)(2)(i)-(ii))', 'TERMINATION_FORM_REQUIRED', {
    setup: [step('agree', 'agreed')],
    action: 'withdraw',
  }),
  refusal('restriction', 'an oral termination not documented (45 CFR 164.522(a)(2)(ii))', 'ORAL_TERMINATION_NOT_DOCUMENTED', {
    setup: [step('agree', 'agreed')],
    action: 'terminate_by_individual',
    input: { form: 'oral' },
  }),
  refusal('restriction', 'the clinic ending it before telling the individual (45 CFR 164.522(a)(2)(iii))', 'NOTICE_NOT_YET_GIVEN', {
    setup: [step('agree', 'agreed')],
    action: 'terminate_by_clinic',
    input: (ctx) => ({ noticeOn: plusDays(ctx.today, 1) }),
  }),
  refusal('restriction', 'a termination notice dated before the agreement (45 CFR 164.522(a)(2)(iii))', 'NOTICE_BEFORE_AGREEMENT', {
    setup: [step('agree', 'agreed')],
    action: 'terminate_by_clinic',
    input: (ctx) => ({ noticeOn: plusDays(ctx.today, -1) }),
  }),
  refusal('restriction', 'an emergency use without asking not to redisclose (45 CFR 164.522(a)(1)(iv))', 'REDISCLOSURE_REQUEST_REQUIRED', {
    setup: [step('agree', 'agreed')],
    action: 'record_emergency_use',
    input: { treatingProvider: 'County Hospital ED', redisclosureRequestMade: false },
  }),

  // Confidential communications
  refusal('confidential_communication', 'declining once accommodated', 'NOT_ALLOWED_IN_STATE', {
    setup: [step('accommodate', 'accommodated', { alternativeAddress: 'PO Box 12, Springfield' })],
    action: 'decline_unreasonable',
    input: { reasonCode: 'not_reasonable_to_accommodate', explanation: 'Changed our mind.' },
  }),
  refusal('confidential_communication', 'accommodating with no alternative (45 CFR 164.522(b)(2)(ii))', 'ALTERNATIVE_REQUIRED', {
    action: 'accommodate',
    input: { paymentHandling: 'Bills to the same PO Box' },
  }),
  refusal(
    'confidential_communication',
    'a provider requiring an endangerment statement (45 CFR 164.522(b)(1)(ii))',
    'ENDANGERMENT_STATEMENT_ONLY_FOR_PLANS',
    { action: 'decline_unreasonable', input: { reasonCode: 'no_endangerment_statement', explanation: 'No statement given.' } },
  ),
  refusal(
    'confidential_communication',
    'declining for no alternative when one was given (45 CFR 164.522(b)(2)(ii))',
    'ALTERNATIVE_WAS_GIVEN',
    {
      action: 'decline_unreasonable',
      input: { reasonCode: 'no_alternative_given', explanation: 'No alternative.' },
    },
  ),

  // Notice copy
  refusal('notice_copy', 'sending after the request was withdrawn', 'NOT_ALLOWED_IN_STATE', {
    intake: () => ({ noPatient: true }),
    setup: [step('withdraw', 'withdrawn')],
    action: 'send',
    input: { method: 'paper', noticeVersion: '2025-01-01' },
  }),
  refusal('notice_copy', 'e-mail when the form did not say (paper by default) (45 CFR 164.520(c)(3)(iv))', 'PAPER_COPY_REQUIRED', {
    intake: () => ({ noPatient: true }),
    action: 'send',
    input: { method: 'email', noticeVersion: '2025-01-01' },
  }),
  refusal('notice_copy', 'e-mail when paper was asked for (45 CFR 164.520(b)(1)(iv)(F))', 'PAPER_COPY_REQUIRED', {
    intake: () => ({ noPatient: true, details: { paperRequested: true } }),
    action: 'send',
    input: { method: 'email', noticeVersion: '2025-01-01' },
  }),
  refusal('notice_copy', 'declining someone who is not an inmate (45 CFR 164.520(a)(3))', 'NOT_AN_INMATE', {
    intake: () => ({ noPatient: true, details: { requesterIsInmate: false } }),
    action: 'decline_inmate',
  }),

  // Complaint
  refusal('complaint', 'opening a second investigation', 'NOT_ALLOWED_IN_STATE', {
    setup: [step('investigate', 'investigating')],
    action: 'investigate',
  }),
  refusal('complaint', 'sanctions applied but not described (45 CFR 164.530(e)(2))', 'SANCTIONS_NOT_DOCUMENTED', {
    action: 'resolve',
    input: { ...disposition, sanctionsApplied: true },
  }),
  refusal('complaint', 'a disposition of invisible characters only (45 CFR 164.530(d)(2))', 'DISPOSITION_REQUIRED', {
    action: 'resolve',
    input: { disposition: '\u200b\u200b', outcome: 'unsubstantiated', sanctionsApplied: false },
  }),

  // Authorization revocation
  refusal('authorization_revocation', 'confirming an effective revocation again', 'NOT_ALLOWED_IN_STATE', {
    setup: [step('confirm_effective', 'effective', { authorizationReference: 'AUTH-2025-0042' })],
    action: 'confirm_effective',
    input: { authorizationReference: 'AUTH-2025-0042' },
  }),
  refusal(
    'authorization_revocation',
    'an oral revocation confirmed with no writing (45 CFR 164.508(b)(5))',
    'WRITTEN_REVOCATION_REQUIRED',
    {
      intake: () => ({ details: { form: 'oral' } }),
      action: 'confirm_effective',
      input: { authorizationReference: 'AUTH-2025-0042' },
    },
  ),
  refusal('authorization_revocation', 'withdrawing a written revocation (45 CFR 164.508(b)(5))', 'REVOCATION_ALREADY_EFFECTIVE', {
    action: 'withdraw',
  }),
  refusal('authorization_revocation', 'recording a writing twice (45 CFR 164.508(b)(5))', 'WRITING_ALREADY_RECEIVED', {
    intake: () => ({ details: { form: 'oral' } }),
    setup: [step('receive_writing', 'received', (ctx) => ({ receivedOn: ctx.today }))],
    action: 'receive_writing',
    input: (ctx) => ({ receivedOn: ctx.today }),
  }),
  refusal('authorization_revocation', 'a writing received tomorrow (45 CFR 164.508(b)(5))', 'RECEIPT_DATE_IN_FUTURE', {
    intake: () => ({ details: { form: 'oral' } }),
    action: 'receive_writing',
    input: (ctx) => ({ receivedOn: plusDays(ctx.today, 1) }),
  }),
  refusal('authorization_revocation', 'closing a written revocation as never written (45 CFR 164.508(b)(5))', 'REVOCATION_IN_WRITING', {
    action: 'close_without_writing',
  }),
  refusal('authorization_revocation', 'a disclosure after the revocation took effect (45 CFR 164.508(b)(5)(i))', 'NOT_IN_RELIANCE', {
    intake: () => ({ details: { form: 'oral' }, receivedAt: daysAgo(5) }),
    setup: [step('receive_writing', 'received', (ctx) => ({ receivedOn: plusDays(ctx.today, -2) }))],
    action: 'confirm_effective',
    input: (ctx) => ({
      authorizationReference: 'AUTH-2025-0042',
      disclosuresInReliance: [{ description: 'Records to the life insurer', madeOn: plusDays(ctx.today, -1) }],
    }),
  }),

  // Objections and opt-outs
  refusal('communication_opt_out', 'applying a choice already applied', 'NOT_ALLOWED_IN_STATE', {
    setup: [step('apply', 'applied')],
    action: 'apply',
  }),
];

// ---- The tests ------------------------------------------------------------------------------------------------------------------

describe('request lifecycles over HTTP (45 CFR 164.508-164.530)', () => {
  let api: TestApi;
  let cast: Cast;
  let driver: RequestDriver;
  let timeZone: string;
  const catalogue = new Map<string, TypeCatalogue>();

  beforeAll(async () => {
    api = await startTestApi();
    timeZone = api.config.organisation.timeZone;
    const [officer, determiner, reviewer, officerReviewer, auditorReviewer, auditor] = await Promise.all([
      createStaff(api, ['privacy_officer'], 'Pat Officer'),
      createStaff(api, ['reviewer'], 'Dana Determiner'),
      createStaff(api, ['reviewer'], 'Robin Reviewer'),
      createStaff(api, ['privacy_officer', 'reviewer'], 'Olive Officer-Reviewer'),
      createStaff(api, ['reviewer', 'auditor'], 'Avery Auditor-Reviewer'),
      createStaff(api, ['auditor'], 'Ari Auditor'),
    ]);
    cast = { officer, determiner, reviewer, officerReviewer, auditorReviewer, auditor };
    driver = new RequestDriver(api, officer.token);
    const types = await api.request('GET', '/api/v1/request-types', { token: officer.token });
    expect(types.status).toBe(200);
    for (const description of types.body as TypeCatalogue[]) catalogue.set(description.type, description);
  });

  // close() also fails the suite if a patient name or token used here reached a log line.
  afterAll(() => api?.close());

  const context = (request: Json = {}): Ctx => ({ cast, driver, request, today: todayIn(timeZone) });
  const stateOf = (type: string, name: string) => {
    const state = catalogue.get(type)?.states.find((candidate) => candidate.name === name);
    if (!state) throw new Error(`${type} has no state ${name}`);
    return state;
  };

  /** Brings a new request of `type` through `steps`, checking each answer; returns the request after the last. */
  async function run(
    type: RequestType,
    intake: Intake | undefined,
    steps: Step[],
    versionEvery = 2,
  ): Promise<{ request: Json; inputs: Json[] }> {
    let request = await driver.create(type, await intake?.(context()));
    const inputs: Json[] = [];
    expect(request).toMatchObject({ type, status: 'received', version: 1, open: true, closedAt: null });
    for (const [index, { action, input, as, to }] of steps.entries()) {
      inputs.push(resolve(input, context(request)));
      const next = await driver.act(request.id, action, inputs[index], {
        token: cast[as ?? 'officer'].token,
        // Every other action is version-guarded, as a client that read the request first would send it.
        expectedVersion: index % versionEvery === 0 ? request.version : undefined,
      });
      expect({ action, status: next.status, version: next.version, open: next.open }).toEqual({
        action,
        status: to,
        version: request.version + 1,
        open: stateOf(type, to).clock !== 'stopped',
      });
      request = next;
    }
    return { request, inputs };
  }

  /** The action is refused with 409 and `reason`, as problem+json, and the request is left exactly as it was. */
  async function expectRefused(id: string, action: string, input: Json, reason: string, token = cast.officer.token) {
    const before = await driver.get(id, token);
    const response = await driver.attempt(id, action, input, token);
    expect({ status: response.status, contentType: response.headers.get('content-type') }).toEqual({
      status: 409,
      contentType: expect.stringContaining(PROBLEM_JSON),
    });
    expect(response.body).toMatchObject({ status: 409, code: 'ACTION_NOT_ALLOWED', reason });
    if (reason === 'NOT_ALLOWED_IN_STATE') {
      expect(before.allowedActions).not.toContain(action);
    } else {
      // A rule of law, not the state table, refused it: the action is offered, and the refusal cites the rule.
      expect(before.allowedActions).toContain(action);
      expect(response.body.citation).toMatch(/^45 CFR 16\d\.\d+/);
    }
    const after = await driver.get(id, token);
    expect({ version: after.version, status: after.status, decision: after.decision, timeline: after.timeline }).toEqual({
      version: before.version,
      status: before.status,
      decision: before.decision,
      timeline: before.timeline,
    });
  }

  describe('1. intake to every end state', () => {
    it('has a scenario ending in every terminal and every in-force state of every type', () => {
      expect([...catalogue.keys()].sort()).toEqual([...new Set(SCENARIOS.map((s) => s.type))].sort());
      const ends = new Set(SCENARIOS.map((s) => `${s.type}.${s.steps.at(-1)?.to}`));
      const missing = [...catalogue.values()].flatMap((type) =>
        type.states
          .filter((state) => (state.terminal || state.inForce) && !ends.has(`${type.type}.${state.name}`))
          .map((s) => `${type.type}.${s.name}`),
      );
      expect(missing).toEqual([]);
      for (const type of catalogue.values()) expect(type.initial).toBe('received');
    });

    it.each(SCENARIOS)('$title', async ({ type, intake, steps, check }) => {
      const { request: last, inputs } = await run(type, intake, steps);
      const final = await driver.get(last.id);
      const end = stateOf(type, steps.at(-1)!.to);

      expect(final).toMatchObject({ status: end.name, open: false, version: steps.length + 1 });
      expect(end.clock).toBe('stopped');

      // The timeline lists the intake and every action, in order, each one version later.
      const timeline = final.timeline as Json[];
      expect(timeline.map((event) => [event.version, event.action, event.fromStatus, event.toStatus])).toEqual([
        [1, 'receive', null, 'received'],
        ...steps.map((s, index) => [index + 2, s.action, index === 0 ? 'received' : steps[index - 1].to, s.to]),
      ]);
      // Each event keeps the input as sent, without the expectedVersion.
      expect(timeline.map((event) => event.data)).toEqual([expect.objectContaining({ channel: final.channel }), ...inputs]);

      // The clock stopped at the first action that reached a stopped state, and stays stopped there.
      const stoppedAt = timeline.find((event) => stateOf(type, event.toStatus).clock === 'stopped');
      expect(final.closedAt).not.toBeNull();
      expect(final.closedAt).toBe(stoppedAt?.occurredAt);

      // Six years from the last effect (45 CFR 164.530(j)(2)); none while an arrangement is still in force.
      if (end.inForce) expect(final.retainUntil).toBeNull();
      else expect(final.retainUntil).toBe(sixYearsAfter(todayIn(timeZone)));

      if (end.terminal) {
        expect(final.allowedActions).toEqual([]);
        await expectRefused(final.id, 'withdraw', {}, 'NOT_ALLOWED_IN_STATE');
      }
      check?.(final, context(final));
    });

    it('access: a denial reopened for review is open again, with no retention date until it closes (45 CFR 164.530(j)(2))', async () => {
      const { request } = await run('access', undefined, [step('deny', 'denied', reviewableDenial)]);
      expect(request).toMatchObject({ open: false, retainUntil: sixYearsAfter(todayIn(timeZone)) });
      const reopened = await driver.act(request.id, 'request_review', {}, { expectedVersion: request.version });
      expect(reopened).toMatchObject({ status: 'review_requested', open: true, closedAt: request.closedAt });
      expect(reopened.retainUntil).toBeNull();
    });
  });

  describe('2. refusals: 409 with the reason code, the request unchanged', () => {
    it('covers a NOT_ALLOWED_IN_STATE refusal for every type', () => {
      const types = new Set(REFUSALS.filter((r) => r.reason === 'NOT_ALLOWED_IN_STATE').map((r) => r.type));
      expect([...types].sort()).toEqual([...catalogue.keys()].sort());
    });

    it.each(REFUSALS)('$title', async ({ type, intake, setup, action, input, as, reason }) => {
      const { request } = await run(type, intake, setup ?? [], 1);
      await expectRefused(request.id, action, resolve(input, context(request)), reason, cast[as ?? 'officer'].token);
    });

    it('answers a stale expectedVersion with 409 STALE_VERSION and changes nothing', async () => {
      const { request } = await run('access', undefined, [step('verify_identity', 'received', verified)]);
      const response = await driver.attempt(request.id, 'refer', {
        holderName: 'Riverside Imaging Center',
        holderAddress: '1 River Road',
        expectedVersion: request.version - 1,
      });
      expect(response.status).toBe(409);
      expect(response.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect(response.body).toMatchObject({ status: 409, code: 'STALE_VERSION' });
      expect((await driver.get(request.id)).version).toBe(request.version);
    });
  });

  describe('3. who may act, and what they may send', () => {
    let request: Json;
    beforeAll(async () => {
      request = await driver.create('access');
    });

    const unchanged = async () => expect((await driver.get(request.id)).version).toBe(1);

    it.each([
      ['an unknown action', 'teleport'],
      ['an action of another type', 'send_fee_notice'],
      ['an Object.prototype name', 'constructor'],
      ['a name the API does not accept', 'Grant'],
    ])('answers %s with 404 problem+json', async (_what, action) => {
      const response = await driver.attempt(request.id, action, {});
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect(response.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      await unchanged();
    });

    it('refuses an auditor any action with 403 (45 CFR 164.308(a)(4): auditors read, they do not act)', async () => {
      const response = await driver.attempt(request.id, 'refer', { holderName: 'X Clinic', holderAddress: '1 Road' }, cast.auditor.token);
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toContain(PROBLEM_JSON);
      await unchanged();
    });

    it('answers an unknown input field with 422 naming it, and a missing required one likewise', async () => {
      const extra = await driver.attempt(request.id, 'grant', { accessType: 'inspect', delivery: 'inspection', shoeSize: 42 });
      expect(extra.status).toBe(422);
      expect(extra.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect(extra.body.errors).toContainEqual({ field: 'shoeSize', message: 'property shoeSize should not exist' });
      const missing = await driver.attempt(request.id, 'grant', { delivery: 'inspection' });
      expect(missing.status).toBe(422);
      expect(missing.body.errors.map((error: Json) => error.field)).toContain('accessType');
      const badVersion = await driver.attempt(request.id, 'grant', { accessType: 'inspect', delivery: 'inspection', expectedVersion: 0 });
      expect(badVersion.status).toBe(422);
      expect(badVersion.body.errors.map((error: Json) => error.field)).toContain('expectedVersion');
      await unchanged();
    });

    it('refuses a reviewer the privacy officer’s actions: 403 NOT_YOUR_ACTION, and 404 on requests not under their review', async () => {
      const grant = { accessType: 'inspect', delivery: 'inspection' };
      // A reviewer who may read every request (also an auditor) still may not grant.
      const asReviewer = await driver.attempt(request.id, 'grant', grant, cast.auditorReviewer.token);
      expect(asReviewer.status).toBe(403);
      expect(asReviewer.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect(asReviewer.body).toMatchObject({ status: 403, code: 'FORBIDDEN', reason: 'NOT_YOUR_ACTION' });
      // A plain reviewer sees only the reviews assigned to them.
      expect((await driver.attempt(request.id, 'grant', grant, cast.reviewer.token)).status).toBe(404);
      await unchanged();
    });

    it('lets the designated reviewer, and only them, decide a review; the officer may not (45 CFR 164.524(a)(4), (d)(4))', async () => {
      const { request: review } = await run('access', undefined, [
        ...deniedForReview,
        step('assign_reviewer', 'under_review', assignReviewer),
      ]);
      expect((await driver.get(review.id)).allowedActions).toEqual(['verify_identity', 'withdraw']);
      expect((await driver.get(review.id, cast.reviewer.token)).allowedActions).toEqual(['uphold_denial', 'reverse_denial']);
      const byOfficer = await driver.attempt(review.id, 'reverse_denial', { explanation: 'I disagree.' });
      expect(byOfficer.status).toBe(403);
      expect(byOfficer.body).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_YOUR_ACTION' });
      const withdrawByReviewer = await driver.attempt(review.id, 'withdraw', {}, cast.reviewer.token);
      expect(withdrawByReviewer.status).toBe(403);
      expect(withdrawByReviewer.body).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_YOUR_ACTION' });
      expect((await driver.get(review.id)).version).toBe(review.version);
    });

    it('does not let a client claim an accounting is a repeat: the system decides (45 CFR 164.528(c)(2))', async () => {
      const response = await api.request('POST', '/api/v1/requests', {
        token: cast.officer.token,
        body: {
          type: 'accounting',
          patient: newPatient(),
          channel: 'mail',
          details: { subsequentWithinTwelveMonths: true },
        },
      });
      expect(response.status).toBe(422);
      expect(response.body.errors.map((error: Json) => error.field)).toContain('details.subsequentWithinTwelveMonths');
    });
  });
});

describe('confidential communications at a health plan (45 CFR 164.522(b)(1)(ii), (b)(2)(iv))', () => {
  let api: TestApi;
  let driver: RequestDriver;

  beforeAll(async () => {
    api = await startTestApi({ ORG_KIND: 'health_plan' });
    driver = new RequestDriver(api, (await createStaff(api, ['privacy_officer'])).token);
  });
  afterAll(() => api?.close());

  const declineForNoStatement = { reasonCode: 'no_endangerment_statement', explanation: 'A plan may require the statement.' };

  it('confidential_communication: received → declined, a plan requiring the endangerment statement (45 CFR 164.522(b)(1)(ii))', async () => {
    const request = await driver.create('confidential_communication');
    expect(request.details.organisationKind).toBe('health_plan');
    const declined = await driver.act(request.id, 'decline_unreasonable', declineForNoStatement, { expectedVersion: 1 });
    expect(declined).toMatchObject({ status: 'declined', version: 2, open: false, decision: { organisationKind: 'health_plan' } });
    expect(declined.closedAt).not.toBeNull();
    expect(declined.timeline.map((event: Json) => event.action)).toEqual(['receive', 'decline_unreasonable']);
  });

  it('confidential_communication: declining for no statement when one was given → ENDANGERMENT_STATEMENT_GIVEN', async () => {
    const request = await driver.create('confidential_communication', { details: { endangermentStatement: true } });
    const response = await driver.attempt(request.id, 'decline_unreasonable', declineForNoStatement);
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toContain(PROBLEM_JSON);
    expect(response.body).toMatchObject({ status: 409, code: 'ACTION_NOT_ALLOWED', reason: 'ENDANGERMENT_STATEMENT_GIVEN' });
    const after = await driver.get(request.id);
    expect({ version: after.version, status: after.status, events: after.timeline.length }).toEqual({
      version: 1,
      status: 'received',
      events: 1,
    });
  });
});

describe('access where a stricter state law allows no extension (Cal. Health & Safety Code §123110(b); 45 CFR 160.203(b))', () => {
  let api: TestApi;
  let driver: RequestDriver;

  beforeAll(async () => {
    api = await startTestApi({ ORG_JURISDICTION: 'US-CA' });
    driver = new RequestDriver(api, (await createStaff(api, ['privacy_officer'])).token);
  });
  afterAll(() => api?.close());

  it('access: an extension of a California 15-day copy deadline → NOT_EXTENDABLE', async () => {
    const request = await driver.create('access');
    expect(request).toMatchObject({
      dueOn: plusDays(request.receivedOn, 15),
      deadline: { rule: 'us-ca-access-copy', extensionMaxOn: null },
    });
    const response = await driver.attempt(request.id, 'extend', { reasons, newDueOn: plusDays(request.dueOn, 10), expectedVersion: 1 });
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toContain(PROBLEM_JSON);
    expect(response.body).toMatchObject({ status: 409, code: 'ACTION_NOT_ALLOWED', reason: 'NOT_EXTENDABLE' });
    const after = await driver.get(request.id);
    expect({ version: after.version, dueOn: after.dueOn, extended: after.extended, events: after.timeline.length }).toEqual({
      version: 1,
      dueOn: request.dueOn,
      extended: false,
      events: 1,
    });
  });
});
