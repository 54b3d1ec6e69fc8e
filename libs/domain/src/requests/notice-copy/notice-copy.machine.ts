/**
 * Paper copy of the notice of privacy practices (45 CFR 164.520; reference §7).
 *
 * Any person may ask for the notice, not only a patient (164.520(c)), so no
 * action here waits for identity verification: the notice is a public document
 * and nothing about the requester is disclosed by sending it. The regulation
 * sets no deadline ("on request"); the clinic's same-day-or-next target is a
 * policy (deadline rule `policy-notice-copy`).
 *
 * Intake `details` this machine reads (validated by NOTICE_COPY_DETAILS_SCHEMA):
 * - `paperRequested?: boolean` — the requester asked for a paper copy. Absent means true: the
 *   right is to a paper copy, even after agreeing to electronic delivery (164.520(b)(1)(iv)(F),
 *   (c)(3)(iv)). Only when it is explicitly false (the person asked for it by e-mail) may the
 *   clinic answer by e-mail.
 * - `deliveryAddress?: string` — where to send it, if by post.
 * - `requesterIsInmate?: boolean` — the requester is an inmate, who has no right to the notice
 *   (164.520(a)(3)); only then may the request be declined.
 */
import { verifyIdentity, withdraw, WITHDRAWN } from '../common-actions.js';
import type { InputSchema } from '../input-schema.js';
import type { Guard, MachineDefinition, StateDefinition } from '../machine.js';

export const NOTICE_DELIVERY_METHODS = ['paper', 'email', 'in_person'] as const;

/** The intake `details` of a notice-copy request. */
export const NOTICE_COPY_DETAILS_SCHEMA: InputSchema = {
  paperRequested: {
    type: 'boolean',
    description: 'A paper copy was asked for (default true). False only when the person asked to get it by e-mail.',
  },
  deliveryAddress: { type: 'string', maxLength: 500, description: 'Postal address for the copy, if it is to be mailed.' },
  requesterIsInmate: {
    type: 'boolean',
    description: 'The requester is an inmate of a correctional institution, who has no right to the notice (164.520(a)(3)).',
  },
};

const states = {
  received: {
    title: 'Received',
    plain: 'We have your request for a copy of our notice of privacy practices and will send it to you.',
    clock: 'running',
  },
  sent: { title: 'Notice sent', plain: 'We sent you a copy of our notice of privacy practices.', clock: 'stopped', terminal: true },
  declined: {
    title: 'Declined (inmate: no right to the notice)',
    plain: 'This request was closed: the right to receive the notice does not apply to people held in a correctional institution.',
    clock: 'stopped',
    terminal: true,
  },
  withdrawn: WITHDRAWN,
} satisfies Record<string, StateDefinition>;

type NoticeCopyState = keyof typeof states;

/** The right is to a paper copy, even after agreeing to electronic notice (164.520(b)(1)(iv)(F), (c)(3)(iv)). */
const paperCopyWhenAskedFor: Guard = (request, input) =>
  request.details.paperRequested !== false && input.method === 'email'
    ? {
        code: 'PAPER_COPY_REQUIRED',
        message: 'a paper copy was asked for: send it on paper or hand it over in person',
        citation: '45 CFR 164.520(b)(1)(iv)(F), (c)(3)(iv)',
      }
    : null;

/** Only an inmate has no right to the notice (164.520(a)(3)). */
const requesterIsInmate: Guard = (request) =>
  request.details.requesterIsInmate === true
    ? null
    : {
        code: 'NOT_AN_INMATE',
        message: 'only a request from an inmate may be declined; anyone else has a right to the notice on request',
        citation: '45 CFR 164.520(a)(3)',
      };

/** Right to a paper copy of the notice of privacy practices (45 CFR 164.520). */
export const noticeCopyMachine = {
  type: 'notice_copy',
  title: 'Paper copy of the notice of privacy practices',
  plainTitle: 'Get a paper copy of our privacy notice',
  citation: '45 CFR 164.520',
  initial: 'received',
  states,
  transitions: {
    received: { verify_identity: 'received', withdraw: 'withdrawn', send: 'sent', decline_inmate: 'declined' },
  },
  actions: {
    verify_identity: verifyIdentity,
    withdraw,
    send: {
      title: 'Send or hand over the notice (stops the clock)',
      citation: '45 CFR 164.520(c)',
      by: ['privacy_officer'],
      input: {
        method: { type: 'enum', values: NOTICE_DELIVERY_METHODS, required: true },
        noticeVersion: {
          type: 'string',
          maxLength: 100,
          required: true,
          description: 'The version (effective date) of the notice sent (164.520(e)).',
        },
        address: { type: 'string', maxLength: 500, description: 'The address it was sent to, if not the one given at intake.' },
      },
      guards: [paperCopyWhenAskedFor],
      apply: (_request, input, context) => ({
        decision: {
          sentOn: context.today,
          sentBy: context.actor.id,
          method: input.method,
          noticeVersion: input.noticeVersion,
          address: input.address ?? null,
        },
      }),
      effects: () => [{ kind: 'letter', template: 'notice_copy', citation: '45 CFR 164.520(c)' }],
    },
    decline_inmate: {
      title: 'Decline: the requester is an inmate',
      citation: '45 CFR 164.520(a)(3)',
      by: ['privacy_officer'],
      input: { note: { type: 'string', maxLength: 500, description: 'How the inmate status was established (no patient detail).' } },
      guards: [requesterIsInmate],
      apply: (_request, input, context) => ({
        decision: { declinedOn: context.today, declinedBy: context.actor.id, declineReason: 'inmate', declineNote: input.note ?? null },
      }),
    },
  },
} satisfies MachineDefinition<NoticeCopyState>;
