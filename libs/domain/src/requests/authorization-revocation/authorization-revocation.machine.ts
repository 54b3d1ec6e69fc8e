/**
 * Revoking an authorization (45 CFR 164.508(b)(5); reference §9).
 *
 * The individual may revoke an authorization at any time, in writing; the
 * revocation is effective on receipt of the writing, except to the extent the
 * clinic has already acted in reliance on it (164.508(b)(5)(i)). Once the
 * clinic knows of the revocation the authorization is defective
 * (164.508(b)(2)(iii)): nothing more may be disclosed under it. The one-day
 * target for recording it is policy (deadline rule `policy-authorization-revocation`).
 *
 * Design: an oral revocation is logged, not rejected, as "oral, awaiting
 * writing". It stays in `received` (no separate state: the initial state is
 * the same for every intake) until `receive_writing` records the date the
 * written revocation arrived, a self-loop. `confirm_effective` then needs a
 * writing on file and records `effectiveOn` = the date of receipt of the
 * writing: the request's `receivedOn` when it came in writing, else the
 * `receive_writing` date. An oral revocation never put in writing is closed
 * with `close_without_writing`, and the individual is told that the
 * authorization still stands. A written revocation cannot be withdrawn: it
 * took effect on receipt; to allow disclosures again the individual signs a
 * new authorization.
 *
 * Intake `details` this machine reads (validated by AUTHORIZATION_REVOCATION_DETAILS_SCHEMA):
 * - `form: 'written' | 'oral'` — how the revocation reached the clinic.
 * - `authorizationReference?: string` — which authorization (form id, date signed), if known at intake.
 * - `authorizationDescription?: text` — the authorization as the individual described it.
 */
import { verifyIdentity, withdraw, WITHDRAWN } from '../common-actions.js';
import type { InputSchema } from '../input-schema.js';
import type { Guard, MachineDefinition, RequestFacts, StateDefinition } from '../machine.js';

export const REVOCATION_FORMS = ['written', 'oral'] as const;

/** The intake `details` of an authorization revocation. */
export const AUTHORIZATION_REVOCATION_DETAILS_SCHEMA: InputSchema = {
  form: {
    type: 'enum',
    values: REVOCATION_FORMS,
    required: true,
    description: 'How the revocation was received. Only a written one can take effect (164.508(b)(5)).',
  },
  authorizationReference: { type: 'string', maxLength: 200, description: 'Which authorization is revoked (form id, date signed).' },
  authorizationDescription: { type: 'text', maxLength: 2000, description: 'The authorization as the individual described it.' },
};

const CITATION = '45 CFR 164.508(b)(5)';

const states = {
  received: {
    title: 'Received (in writing, or oral and awaiting writing)',
    plain:
      'We have your request to cancel (revoke) your permission to share your health information. A revocation takes effect when we receive it in writing: if you told us by phone or in person, please also send it to us in writing.',
    clock: 'running',
  },
  effective: {
    title: 'Revocation effective',
    plain:
      'Your revocation took effect on the day we received it in writing. We will make no new disclosures under that permission; anything already done before then cannot be undone.',
    clock: 'stopped',
    terminal: true,
  },
  not_in_writing: {
    title: 'Closed: never received in writing',
    plain:
      'We did not receive your revocation in writing, so your permission is still in effect. You can revoke it at any time by writing to us.',
    clock: 'stopped',
    terminal: true,
  },
  withdrawn: WITHDRAWN,
} satisfies Record<string, StateDefinition>;

type AuthorizationRevocationState = keyof typeof states;

/** The date the written revocation was received, or null while there is none. */
export function writingReceivedOn(request: RequestFacts): string | null {
  if (request.details.form === 'written') return request.receivedOn;
  return typeof request.decision.writingReceivedOn === 'string' ? request.decision.writingReceivedOn : null;
}

/** A revocation must be in writing (164.508(b)(5)). */
const writtenRevocationReceived: Guard = (request) =>
  writingReceivedOn(request)
    ? null
    : {
        code: 'WRITTEN_REVOCATION_REQUIRED',
        message: 'a revocation takes effect only when received in writing: record the written revocation first',
        citation: CITATION,
      };

/** Effective on receipt of the writing: once received, a written revocation cannot be undone (164.508(b)(5), (b)(2)(iii)). */
const notYetInWriting: (code: string, message: string) => Guard = (code, message) => (request) =>
  writingReceivedOn(request) ? { code, message, citation: '45 CFR 164.508(b)(5), (b)(2)(iii)' } : null;

/** A disclosure after the revocation took effect was not made in reliance on the authorization (164.508(b)(5)(i)). */
const disclosuresBeforeEffect: Guard = (request, input) => {
  const effectiveOn = writingReceivedOn(request);
  const disclosures = (input.disclosuresInReliance as { madeOn: string }[] | undefined) ?? [];
  return effectiveOn && disclosures.some((disclosure) => disclosure.madeOn > effectiveOn)
    ? {
        code: 'NOT_IN_RELIANCE',
        message: `a disclosure after ${effectiveOn}, when the revocation took effect, was not made in reliance on the authorization: report it as a possible impermissible disclosure`,
        citation: '45 CFR 164.508(b)(5)(i), (b)(2)(iii)',
      }
    : null;
};

/** Revocation of an authorization (45 CFR 164.508(b)(5)). */
export const authorizationRevocationMachine = {
  type: 'authorization_revocation',
  title: 'Revocation of an authorization',
  plainTitle: 'Cancel a permission you gave us to share your health information',
  citation: CITATION,
  initial: 'received',
  states,
  transitions: {
    received: {
      verify_identity: 'received',
      withdraw: 'withdrawn',
      receive_writing: 'received',
      confirm_effective: 'effective',
      close_without_writing: 'not_in_writing',
    },
  },
  actions: {
    verify_identity: verifyIdentity,
    withdraw: {
      ...withdraw,
      guards: [
        notYetInWriting(
          'REVOCATION_ALREADY_EFFECTIVE',
          'a written revocation took effect on receipt and cannot be withdrawn; the individual may sign a new authorization',
        ),
      ],
    },
    receive_writing: {
      title: 'Record the written revocation of an oral one',
      citation: CITATION,
      by: ['privacy_officer'],
      input: {
        receivedOn: { type: 'date', required: true, description: 'The day the written revocation was received: it takes effect then.' },
      },
      guards: [
        notYetInWriting(
          'WRITING_ALREADY_RECEIVED',
          'the revocation is already in writing; it took effect when the first writing was received',
        ),
        (_request, input, context) =>
          (input.receivedOn as string) > context.today
            ? { code: 'RECEIPT_DATE_IN_FUTURE', message: 'the writing cannot have been received after today', citation: CITATION }
            : null,
      ],
      apply: (_request, input, context) => ({
        decision: { writingReceivedOn: input.receivedOn, writingRecordedOn: context.today, writingRecordedBy: context.actor.id },
      }),
    },
    confirm_effective: {
      title: 'Confirm the revocation took effect (stops the clock)',
      citation: CITATION,
      by: ['privacy_officer'],
      input: {
        authorizationReference: {
          type: 'string',
          maxLength: 200,
          required: true,
          description: 'The authorization revoked (form id, date signed); no further disclosures under it.',
        },
        disclosuresInReliance: {
          type: 'object[]',
          maxItems: 100,
          description:
            'Disclosures already made or in progress in reliance on the authorization before it was revoked; not reversible (164.508(b)(5)(i)).',
          fields: {
            description: { type: 'string', maxLength: 500, required: true, description: 'To whom and what, described (not quoted).' },
            madeOn: { type: 'date', required: true, description: 'When it was made, or begun if still in progress.' },
          },
        },
      },
      guards: [writtenRevocationReceived, disclosuresBeforeEffect],
      apply: (request, input, context) => ({
        decision: {
          effectiveOn: writingReceivedOn(request),
          revocationForm: request.details.form,
          confirmedOn: context.today,
          confirmedBy: context.actor.id,
          authorizationReference: input.authorizationReference,
          disclosuresInReliance: ((input.disclosuresInReliance as { description: string; madeOn: string }[] | undefined) ?? []).map(
            (disclosure) => ({
              description: disclosure.description,
              madeOn: disclosure.madeOn,
              reversible: false,
            }),
          ),
        },
      }),
      effects: () => [{ kind: 'letter', template: 'revocation_confirmation', citation: CITATION }],
    },
    close_without_writing: {
      title: 'Close: the oral revocation was never put in writing',
      citation: CITATION,
      by: ['privacy_officer'],
      input: { note: { type: 'string', maxLength: 500, description: 'What was done to ask for the writing (letter sent on, call on).' } },
      guards: [
        notYetInWriting('REVOCATION_IN_WRITING', 'a written revocation is effective on receipt: confirm it instead of closing the request'),
      ],
      apply: (_request, input, context) => ({
        decision: { closedWithoutWritingOn: context.today, closedBy: context.actor.id, closeNote: input.note ?? null },
      }),
      effects: () => [{ kind: 'letter', template: 'revocation_not_in_writing', citation: CITATION }],
    },
  },
} satisfies MachineDefinition<AuthorizationRevocationState>;
