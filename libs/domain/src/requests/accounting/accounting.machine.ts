/**
 * Accounting of disclosures (45 CFR 164.528; design reference hipaa-rights.md §6).
 *
 * Intake `details` this machine reads (validated by the API with ACCOUNTING_DETAILS_SCHEMA):
 *   - `periodFrom?: string` (ISO date): start of the period asked for; absent means the full six years
 *     before the request (164.528(a)(1), (a)(3)).
 *   - `periodTo?: string` (ISO date): end of the period; absent means the date of the request.
 *   - `subsequentWithinTwelveMonths: boolean` (required, set by the system, never by the requester):
 *     the same individual already had a free accounting in the 12 months before receipt
 *     (see `isSubsequentAccounting` in fees/accounting-fee.ts). Read by `send_fee_notice` and `provide`.
 *
 * Decisions taken where the reference leaves room:
 *   - There is no denial: an accounting with no entries is still provided. The only refusal is failed
 *     verification of identity or authority (164.514(h)), `refuse_unverified`.
 *   - The clock keeps running through the fee notice and the individual's answer: the rule stops it for
 *     nothing (reference §0). If the individual does not answer, the clinic can still provide the
 *     accounting on time free of charge (`provide` is allowed from `fee_notice_sent` with no fee).
 *   - `modify_request` (narrower period, optional lower fee) also counts as agreeing to the fee in force
 *     after the modification; it may be repeated from `fee_accepted` until the accounting is provided.
 *   - The six-year lookback is counted from the date of the request (`receivedOn`); from 29 February it
 *     reaches back to 28 February, the generous reading.
 *   - Temporary suspensions for oversight or law enforcement (164.528(a)(2)) withhold entries, not the
 *     accounting; they belong to the disclosure log, not to this machine.
 */
import { accountingFeeAllowed } from '../../fees/accounting-fee.js';
import { extendAction, identityVerified, verifyIdentity, withdraw, WITHDRAWN } from '../common-actions.js';
import type { InputSchema } from '../input-schema.js';
import type { ActionContext, Guard, MachineDefinition, RequestFacts, StateDefinition } from '../machine.js';

/** How far back an accounting reaches (45 CFR 164.528(a)(1)). */
export const ACCOUNTING_LOOKBACK_YEARS = 6;

/** Why an accounting request was refused: only failed verification (164.514(h)(1)). */
export const UNVERIFIED_REASONS = ['identity_not_verified', 'authority_not_verified'] as const;

/** The largest fee a notice may state, in cents (a sanity bound, not a legal one). */
const MAX_FEE_CENTS = 1_000_000;

/** The intake `details` of an accounting request. */
export const ACCOUNTING_DETAILS_SCHEMA: InputSchema = {
  periodFrom: {
    type: 'date',
    description: 'Start of the period asked for; absent: six years before the request (164.528(a)(1), (a)(3)).',
  },
  periodTo: { type: 'date', description: 'End of the period asked for; absent: the date of the request.' },
  subsequentWithinTwelveMonths: {
    type: 'boolean',
    required: true,
    description: 'Set by the system: the individual already had a free accounting in the 12 months before receipt (164.528(c)(2)).',
  },
};

const states = {
  received: { title: 'Received', plain: 'We have your request for a list of disclosures and are preparing it.', clock: 'running' },
  // The clock does not stop for the fee: the 60 days run while the individual decides (164.528(c)(1)-(2)).
  fee_notice_sent: {
    title: 'Fee notice sent; awaiting the individual’s answer',
    plain:
      'You already had a free list in the last 12 months, so this one has a fee. Our letter states it. You can accept it, narrow your request to lower or avoid it, or withdraw your request.',
    clock: 'running',
  },
  fee_accepted: {
    title: 'Fee accepted or request modified; being prepared',
    plain: 'You accepted the fee or changed your request. We are preparing your list of disclosures.',
    clock: 'running',
  },
  provided: { title: 'Provided', plain: 'We sent you the list of disclosures.', clock: 'stopped', terminal: true },
  refused_unverified: {
    title: 'Refused: identity or authority not verified',
    plain: 'We could not confirm who you are or your authority to ask for this list, so we could not provide it. You may ask again.',
    clock: 'stopped',
    terminal: true,
  },
  withdrawn: WITHDRAWN,
} satisfies Record<string, StateDefinition>;

type AccountingState = keyof typeof states;

/** The same calendar date `years` earlier; 29 February falls back to 28 February in a common year. */
function sameDateYearsEarlier(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) - years;
  const monthDay = date.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${String(year).padStart(4, '0')}-${monthDay === '02-29' && !leap ? '02-28' : monthDay}`;
}

/** The earliest date an accounting for `request` must cover (164.528(a)(1)). */
export function earliestAccountingDate(request: Pick<RequestFacts, 'receivedOn'>): string {
  return sameDateYearsEarlier(request.receivedOn, ACCOUNTING_LOOKBACK_YEARS);
}

/**
 * The period `provide` covers: what the action names, else the narrower period agreed with
 * `modify_request`, else what the individual asked for, else the six years before the request
 * through its date (164.528(a)(1), (a)(3)).
 */
export function providedPeriod(request: Pick<RequestFacts, 'receivedOn' | 'details' | 'decision'>, input: Record<string, unknown>) {
  const pick = (...values: unknown[]) => values.find((value): value is string => typeof value === 'string');
  return {
    from: pick(input.periodFrom, request.decision.modifiedPeriodFrom, request.details.periodFrom) ?? earliestAccountingDate(request),
    to: pick(input.periodTo, request.decision.modifiedPeriodTo, request.details.periodTo) ?? request.receivedOn,
  };
}

const periodInOrder: Guard = (request, input) => {
  const period = providedPeriod(request, input);
  return period.from > period.to
    ? { code: 'PERIOD_REVERSED', message: 'the period must start on or before its end', citation: '45 CFR 164.528(a)(3)' }
    : null;
};

const periodWithinLookback: Guard = (request, input) => {
  const earliest = earliestAccountingDate(request);
  return providedPeriod(request, input).from < earliest
    ? {
        code: 'PERIOD_TOO_LONG',
        message: `an accounting covers at most the six years before the request (from ${earliest})`,
        citation: '45 CFR 164.528(a)(1)',
      }
    : null;
};

/** The individual's answer to the fee notice, and the fee it makes agreed (164.528(c)(2)). */
const feeResponse = (response: 'accepted' | 'modified', feeAgreedCents: number, context: ActionContext) => ({
  feeResponse: response,
  feeRespondedOn: context.today,
  feeRespondedBy: context.actor.kind,
  feeAgreedCents,
});

/** Accounting of disclosures of PHI (45 CFR 164.528). */
export const accountingMachine = {
  type: 'accounting',
  title: 'Accounting of disclosures',
  plainTitle: 'Get a list of who we shared your health information with',
  citation: '45 CFR 164.528',
  initial: 'received',
  states,
  transitions: {
    received: {
      verify_identity: 'received',
      withdraw: 'withdrawn',
      extend: 'received',
      send_fee_notice: 'fee_notice_sent',
      provide: 'provided',
      refuse_unverified: 'refused_unverified',
    },
    fee_notice_sent: {
      verify_identity: 'fee_notice_sent',
      withdraw: 'withdrawn',
      extend: 'fee_notice_sent',
      accept_fee: 'fee_accepted',
      modify_request: 'fee_accepted',
      provide: 'provided',
      refuse_unverified: 'refused_unverified',
    },
    fee_accepted: {
      verify_identity: 'fee_accepted',
      withdraw: 'withdrawn',
      extend: 'fee_accepted',
      modify_request: 'fee_accepted',
      provide: 'provided',
      refuse_unverified: 'refused_unverified',
    },
  },
  actions: {
    verify_identity: verifyIdentity,
    withdraw,
    extend: extendAction('45 CFR 164.528(c)(1)(ii)'),
    send_fee_notice: {
      title: 'Tell the individual the fee in advance (the clock keeps running)',
      citation: '45 CFR 164.528(c)(2)',
      by: ['privacy_officer'],
      input: {
        feeCents: { type: 'integer', min: 1, max: MAX_FEE_CENTS, required: true, description: 'The reasonable, cost-based fee, in cents.' },
        explanation: {
          type: 'text',
          maxLength: 2000,
          required: true,
          description: 'How the fee is made up, and how to withdraw or narrow the request to avoid or reduce it; goes into the notice.',
        },
      },
      guards: [
        (request) =>
          request.details.subsequentWithinTwelveMonths === true
            ? null
            : {
                code: 'FIRST_ACCOUNTING_FREE',
                message: 'the first accounting in any 12 months is free: no fee may be charged',
                citation: '45 CFR 164.528(c)(2)',
              },
      ],
      apply: (_request, input, context) => ({
        decision: {
          feeNoticeSentOn: context.today,
          feeNoticeSentBy: context.actor.id,
          feeNoticeCents: input.feeCents,
          feeExplanation: input.explanation,
        },
      }),
      effects: () => [{ kind: 'letter', template: 'accounting_fee_notice', citation: '45 CFR 164.528(c)(2)' }],
    },
    accept_fee: {
      title: 'The individual accepts the fee',
      citation: '45 CFR 164.528(c)(2)',
      by: ['privacy_officer', 'patient'],
      input: { note: { type: 'string', maxLength: 500, description: 'How the acceptance was received (letter, phone, portal).' } },
      apply: (request, input, context) => ({
        decision: { ...feeResponse('accepted', request.decision.feeNoticeCents as number, context), feeResponseNote: input.note ?? null },
      }),
    },
    modify_request: {
      title: 'The individual narrows the request to avoid or reduce the fee',
      citation: '45 CFR 164.528(a)(3), (c)(2)',
      by: ['privacy_officer', 'patient'],
      input: {
        periodFrom: { type: 'date', required: true, description: 'Start of the narrower period.' },
        periodTo: { type: 'date', required: true, description: 'End of the narrower period.' },
        feeCents: {
          type: 'integer',
          min: 0,
          max: MAX_FEE_CENTS,
          description: 'The reduced fee for the narrower request, in cents; absent: the fee in the notice.',
        },
      },
      guards: [
        periodInOrder,
        periodWithinLookback,
        (request, input) =>
          input.feeCents !== undefined && (input.feeCents as number) > (request.decision.feeNoticeCents as number)
            ? {
                code: 'FEE_ABOVE_NOTICE',
                message: 'a modified request may not cost more than the fee in the notice',
                citation: '45 CFR 164.528(c)(2)',
              }
            : null,
      ],
      apply: (request, input, context) => ({
        decision: {
          ...feeResponse('modified', (input.feeCents as number | undefined) ?? (request.decision.feeNoticeCents as number), context),
          modifiedPeriodFrom: input.periodFrom,
          modifiedPeriodTo: input.periodTo,
        },
      }),
    },
    provide: {
      title: 'Provide the written accounting (stops the clock)',
      citation: '45 CFR 164.528(b), (c)(1)',
      by: ['privacy_officer'],
      // The entries come from the disclosure ledger, not from the caller: the API computes them
      // in the same transaction and refuses the action while a listed disclosure lacks an element.
      input: {
        periodFrom: { type: 'date', description: 'First day the accounting covers; absent: the period asked for.' },
        periodTo: { type: 'date', description: 'Last day the accounting covers; absent: the period asked for.' },
        feeCents: { type: 'integer', min: 0, max: MAX_FEE_CENTS, description: 'Fee charged, if any (agreed after a fee notice).' },
      },
      guards: [
        identityVerified,
        periodInOrder,
        periodWithinLookback,
        (request, input) => {
          const feeCents = (input.feeCents as number | undefined) ?? 0;
          const allowed = accountingFeeAllowed({
            subsequent: request.details.subsequentWithinTwelveMonths === true,
            feeNoticeSentOn: (request.decision.feeNoticeSentOn as string | undefined) ?? null,
            patientResponse: (request.decision.feeResponse as 'accepted' | 'modified' | undefined) ?? null,
            feeCents,
          });
          if (!allowed.ok) return { code: 'FEE_NOT_AGREED', message: allowed.message, citation: '45 CFR 164.528(c)(2)' };
          const agreed = request.decision.feeAgreedCents as number | undefined;
          return feeCents > 0 && (agreed === undefined || feeCents > agreed)
            ? {
                code: 'FEE_NOT_AGREED',
                message: 'the fee charged may not exceed the fee the individual agreed to',
                citation: '45 CFR 164.528(c)(2)',
              }
            : null;
        },
      ],
      apply: (request, input, context) => ({
        decision: {
          providedOn: context.today,
          providedBy: context.actor.id,
          periodFrom: providedPeriod(request, input).from,
          periodTo: providedPeriod(request, input).to,
          feeCents: input.feeCents ?? 0,
        },
      }),
      effects: () => [{ kind: 'letter', template: 'accounting', citation: '45 CFR 164.528(b)' }],
    },
    refuse_unverified: {
      title: 'Refuse: identity or authority could not be verified',
      citation: '45 CFR 164.514(h)(1)',
      by: ['privacy_officer'],
      input: {
        reason: { type: 'enum', values: UNVERIFIED_REASONS, required: true },
        note: { type: 'string', maxLength: 500, description: 'What was tried (no patient data).' },
      },
      guards: [
        (request, input) =>
          input.reason === 'identity_not_verified' && request.identity.verified
            ? {
                code: 'IDENTITY_ALREADY_VERIFIED',
                message: 'the requester’s identity is recorded as verified',
                citation: '45 CFR 164.514(h)(1)',
              }
            : null,
        (request, input) =>
          input.reason === 'authority_not_verified' && request.decision.authorityVerified === true
            ? {
                code: 'AUTHORITY_ALREADY_VERIFIED',
                message: 'the requester’s authority is recorded as verified',
                citation: '45 CFR 164.514(h)(1)',
              }
            : null,
      ],
      apply: (_request, input, context) => ({
        decision: { refusedOn: context.today, refusedBy: context.actor.id, refusalReason: input.reason, refusalNote: input.note ?? null },
      }),
      effects: () => [{ kind: 'letter', template: 'accounting_unverified', citation: '45 CFR 164.514(h)(1)' }],
    },
  },
} satisfies MachineDefinition<AccountingState>;
