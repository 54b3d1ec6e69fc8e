/**
 * Right to amend (45 CFR 164.526; design reference hipaa-rights.md §5).
 *
 * Intake `details` this machine reads (validated by the API with AMENDMENT_DETAILS_SCHEMA):
 *   - `recordDescription: string` (required): which record or PHI in the designated record set to amend.
 *   - `requestedChange: string` (required, text): the change the individual asks for.
 *   - `reason?: string` (optional, text): the individual's reason. The clinic may require one only if it
 *     told individuals so in advance (164.526(b)(1)); the schema keeps it optional so that the policy is
 *     the clinic's, not the form's.
 * The guards below read no intake field; the letters read them.
 *
 * Decisions taken where the reference leaves room:
 *   - A partial acceptance is a denial (`deny_in_part`: `partial: true`, `acceptedPart`): the patient
 *     gets the denial letter, whose rights (disagreement, future disclosures, complaint) apply to the
 *     refused part; the letter also states the accepted part (164.526(c)(2)). The accepted part still
 *     has to be linked and shared (164.526(c)(1), (c)(3)): `complete_notifications` is allowed, as a
 *     step that stays in the state, in `denied` and `disagreement_filed`, and the request cannot reach
 *     a closed state until it is recorded.
 *   - After the written acceptance or denial every state has the clock `stopped`: the 60 days were
 *     met by the written answer, and nothing later (notifying persons "within a reasonable time",
 *     accepting a statement, a rebuttal) carries a deadline that could restart it.
 *   - Accepting (in whole or in part) changes the record, so the requester's identity and authority
 *     must be verified first (164.514(h)). A full denial changes nothing and needs no verification.
 */
import { extendAction, identityVerified, verifyIdentity, withdraw, WITHDRAWN } from '../common-actions.js';
import type { InputSchema } from '../input-schema.js';
import type { Guard, MachineDefinition, StateDefinition } from '../machine.js';

/** Grounds on which an amendment may be denied (45 CFR 164.526(a)(2)(i)-(iv)). */
export const AMENDMENT_DENIAL_GROUNDS = [
  /** Not created by the clinic, unless the individual gives a reasonable basis to believe the originator can no longer act on it ((a)(2)(i)). */
  'not_created_here',
  /** Not part of the designated record set ((a)(2)(ii)). */
  'not_in_designated_record_set',
  /** Would not be available for inspection under 164.524 ((a)(2)(iii)). */
  'not_available_for_inspection',
  /** Accurate and complete ((a)(2)(iv)). */
  'accurate_and_complete',
] as const;
export type AmendmentDenialGround = (typeof AMENDMENT_DENIAL_GROUNDS)[number];

/** Whom the clinic must try to inform of an accepted amendment (164.526(c)(3)(i)-(ii)). */
export const NOTIFIED_PERSON_KINDS = ['named_by_individual', 'known_holder', 'business_associate'] as const;
export const NOTIFICATION_OUTCOMES = ['sent', 'failed_after_reasonable_effort'] as const;

/** A reasonable limit on the length of a statement of disagreement (164.526(d)(2)). */
export const DISAGREEMENT_MAX_LENGTH = 4000;

/** The intake `details` of an amendment request. */
export const AMENDMENT_DETAILS_SCHEMA: InputSchema = {
  recordDescription: {
    type: 'string',
    maxLength: 500,
    required: true,
    description: 'Which record or information in the designated record set the individual wants amended (164.526(a)(1)).',
  },
  requestedChange: { type: 'text', maxLength: 4000, required: true, description: 'The change the individual asks for.' },
  reason: {
    type: 'text',
    maxLength: 4000,
    description: 'The reason supporting the amendment; the clinic may require one only if it told individuals in advance (164.526(b)(1)).',
  },
};

const states = {
  received: { title: 'Received', plain: 'We have your request to change your record and are reviewing it.', clock: 'running' },
  accepted: {
    title: 'Accepted; amendment to be linked and persons notified',
    plain: 'We accepted your change and told you in writing. We are adding it to your record and informing the people who need to know.',
    clock: 'stopped',
  },
  amended: {
    title: 'Amended; persons notified',
    plain: 'Your record was changed and the people who needed to know were informed.',
    clock: 'stopped',
    terminal: true,
  },
  denied: {
    title: 'Denied in writing (in whole or in part)',
    plain:
      'Your request was denied, in whole or in part. Our letter explains why, how to send us a statement of disagreement, and how to complain.',
    clock: 'stopped',
  },
  disagreement_filed: {
    title: 'Statement of disagreement filed',
    plain:
      'We received your statement of disagreement. It is linked to your record and will be sent with any future disclosure of that information.',
    clock: 'stopped',
  },
  rebuttal_prepared: {
    title: 'Rebuttal prepared; copy to be sent to the individual',
    plain: 'We wrote a response to your statement of disagreement. We are sending you a copy.',
    clock: 'stopped',
  },
  closed_with_rebuttal: {
    title: 'Closed: disagreement and rebuttal on file',
    plain:
      'We sent you a copy of our response. Your request, our denial, your statement and our response are linked to your record and go with any future disclosure of that information.',
    clock: 'stopped',
    terminal: true,
  },
  closed_with_disagreement: {
    title: 'Closed: disagreement on file, no rebuttal',
    plain:
      'Your request, our denial and your statement of disagreement are linked to your record and go with any future disclosure of that information.',
    clock: 'stopped',
    terminal: true,
  },
  closed_no_disagreement: {
    title: 'Closed without a statement of disagreement',
    plain:
      'This request is closed without a statement of disagreement. If you asked us to, your request and our denial will go with any future disclosure of that information.',
    clock: 'stopped',
    terminal: true,
  },
  withdrawn: WITHDRAWN,
} satisfies Record<string, StateDefinition>;

type AmendmentState = keyof typeof states;

interface PersonToNotify {
  name: string;
  kind: string;
}

const personFields = {
  name: { type: 'string', maxLength: 200, required: true, description: 'Person or organisation (name or title), not the patient.' },
  kind: { type: 'enum', values: NOTIFIED_PERSON_KINDS, required: true },
} as const;

const acceptanceInput = {
  recordsAffected: {
    type: 'string',
    maxLength: 1000,
    required: true,
    description: 'The records in the designated record set that are affected by the amendment (164.526(c)(1)).',
  },
  personsToNotify: {
    type: 'object[]',
    fields: personFields,
    required: true,
    description:
      'Persons the individual identified and agreed to have notified, and persons (including business associates) known to hold the information (164.526(c)(2)-(3)); may be empty.',
  },
} as const;

const denyInput = {
  grounds: { type: 'enum[]', values: AMENDMENT_DENIAL_GROUNDS, minItems: 1, required: true },
  basis: {
    type: 'text',
    maxLength: 4000,
    required: true,
    description: 'The basis for the denial in plain language; goes into the letter.',
  },
} as const;

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Notifications are owed only when something was accepted: in full (`accepted`) or in part. */
const somethingAccepted: Guard = (request) =>
  request.status === 'accepted' || request.decision.partial === true
    ? null
    : {
        code: 'NOTHING_ACCEPTED',
        message: 'nothing was accepted, so there is no amendment to share',
        citation: '45 CFR 164.526(c)',
      };

const notificationsNotYetRecorded: Guard = (request) =>
  request.decision.notificationsCompletedOn
    ? {
        code: 'NOTIFICATIONS_ALREADY_RECORDED',
        message: 'the notifications for this amendment are already recorded',
        citation: '45 CFR 164.526(c)(3)',
      }
    : null;

/** A partly accepted amendment must be linked and shared before the request can close (164.526(c)(1), (c)(3)). */
const partialNotificationsDone: Guard = (request) =>
  request.decision.partial === true && !request.decision.notificationsCompletedOn
    ? {
        code: 'NOTIFICATIONS_PENDING',
        message: 'record that the accepted part was linked and the persons to notify were informed first',
        citation: '45 CFR 164.526(c)(3)',
      }
    : null;

/** Right to amend PHI in the designated record set (45 CFR 164.526). */
export const amendmentMachine = {
  type: 'amendment',
  title: 'Amendment of records',
  plainTitle: 'Ask us to correct or add to your health records',
  citation: '45 CFR 164.526',
  initial: 'received',
  states,
  transitions: {
    received: {
      verify_identity: 'received',
      withdraw: 'withdrawn',
      extend: 'received',
      accept: 'accepted',
      deny: 'denied',
      deny_in_part: 'denied',
    },
    accepted: { verify_identity: 'accepted', withdraw: 'withdrawn', complete_notifications: 'amended' },
    denied: {
      verify_identity: 'denied',
      withdraw: 'withdrawn',
      complete_notifications: 'denied',
      file_disagreement: 'disagreement_filed',
      close_without_disagreement: 'closed_no_disagreement',
    },
    disagreement_filed: {
      verify_identity: 'disagreement_filed',
      withdraw: 'withdrawn',
      complete_notifications: 'disagreement_filed',
      prepare_rebuttal: 'rebuttal_prepared',
      close_without_rebuttal: 'closed_with_disagreement',
    },
    // A rebuttal cannot be closed until a copy has gone to the individual (164.526(d)(3)).
    rebuttal_prepared: { verify_identity: 'rebuttal_prepared', withdraw: 'withdrawn', send_rebuttal_copy: 'closed_with_rebuttal' },
  },
  actions: {
    verify_identity: verifyIdentity,
    withdraw,
    extend: extendAction('45 CFR 164.526(b)(2)(ii)'),
    accept: {
      title: 'Accept the amendment and tell the individual (stops the clock)',
      citation: '45 CFR 164.526(b)(2)(i)(A), (c)(2)',
      by: ['privacy_officer'],
      input: acceptanceInput,
      // An amendment changes the record: know who asks, and their authority, first (164.514(h)).
      guards: [identityVerified],
      apply: (_request, input, context) => ({
        decision: {
          acceptedOn: context.today,
          acceptedBy: context.actor.id,
          partial: false,
          recordsAffected: input.recordsAffected,
          personsToNotify: input.personsToNotify,
        },
      }),
      effects: () => [{ kind: 'letter', template: 'amendment_acceptance', citation: '45 CFR 164.526(c)(2)' }],
    },
    deny: {
      title: 'Deny in writing (stops the clock)',
      citation: '45 CFR 164.526(a)(2), (d)(1)',
      by: ['privacy_officer'],
      input: denyInput,
      apply: (_request, input, context) => ({
        decision: { grounds: input.grounds, basis: input.basis, deniedOn: context.today, deniedBy: context.actor.id, partial: false },
      }),
      effects: () => [{ kind: 'letter', template: 'amendment_denial', citation: '45 CFR 164.526(d)(1)' }],
    },
    deny_in_part: {
      title: 'Accept in part, deny the rest in writing (stops the clock)',
      citation: '45 CFR 164.526(a)(2), (c), (d)(1)',
      by: ['privacy_officer'],
      input: {
        ...denyInput,
        acceptedPart: {
          type: 'string',
          maxLength: 1000,
          required: true,
          description: 'What part of the requested change is accepted (described, not quoted).',
        },
        ...acceptanceInput,
      },
      // The accepted part changes the record (164.514(h)).
      guards: [identityVerified],
      apply: (_request, input, context) => ({
        decision: {
          grounds: input.grounds,
          basis: input.basis,
          deniedOn: context.today,
          deniedBy: context.actor.id,
          partial: true,
          acceptedPart: input.acceptedPart,
          recordsAffected: input.recordsAffected,
          personsToNotify: input.personsToNotify,
        },
      }),
      // One letter: the denial, which also states the accepted part (164.526(c)(2), (d)(1)).
      effects: () => [{ kind: 'letter', template: 'amendment_denial', citation: '45 CFR 164.526(d)(1)' }],
    },
    complete_notifications: {
      title: 'Record that the amendment was linked and the persons notified',
      citation: '45 CFR 164.526(c)(1), (c)(3)',
      by: ['privacy_officer'],
      input: {
        amendmentLinked: {
          type: 'boolean',
          required: true,
          description: 'The amendment is appended to or linked from the affected records (164.526(c)(1)).',
        },
        persons: {
          type: 'object[]',
          fields: { ...personFields, outcome: { type: 'enum', values: NOTIFICATION_OUTCOMES, required: true } },
          required: true,
          description: 'Everyone informed of the amendment, with the outcome of reasonable efforts (164.526(c)(3)).',
        },
      },
      guards: [
        somethingAccepted,
        notificationsNotYetRecorded,
        (_request, input) =>
          input.amendmentLinked === true
            ? null
            : {
                code: 'AMENDMENT_NOT_LINKED',
                message: 'append the amendment to, or link it from, the affected records first',
                citation: '45 CFR 164.526(c)(1)',
              },
        (request, input) => {
          const persons = input.persons as PersonToNotify[];
          const owed = (request.decision.personsToNotify as PersonToNotify[] | undefined) ?? [];
          const missing = owed.filter((person) => !persons.some((done) => sameName(done.name, person.name)));
          return missing.length
            ? {
                code: 'PERSON_NOT_NOTIFIED',
                message: `${missing.length} person(s) identified at acceptance have no notification outcome`,
                citation: '45 CFR 164.526(c)(3)',
              }
            : null;
        },
      ],
      apply: (_request, input, context) => ({
        decision: { amendmentLinkedOn: context.today, notificationsCompletedOn: context.today, notifications: input.persons },
      }),
    },
    file_disagreement: {
      title: 'File a statement of disagreement',
      citation: '45 CFR 164.526(d)(2)',
      by: ['privacy_officer', 'patient'],
      input: {
        statement: {
          type: 'text',
          maxLength: DISAGREEMENT_MAX_LENGTH,
          required: true,
          description: 'The individual’s statement of disagreement and its basis; the clinic must accept it and may limit its length.',
        },
      },
      apply: (_request, input, context) => ({
        decision: { disagreementFiledOn: context.today, disagreementFiledBy: context.actor.kind, disagreementStatement: input.statement },
      }),
    },
    close_without_disagreement: {
      title: 'Close: no statement of disagreement',
      citation: '45 CFR 164.526(d)(1)(iii), (d)(5)(ii)',
      by: ['privacy_officer', 'patient'],
      input: {
        includeWithFutureDisclosures: {
          type: 'boolean',
          required: true,
          description: 'The individual asked that the request and the denial go with any future disclosure of the information.',
        },
      },
      guards: [partialNotificationsDone],
      apply: (_request, input, context) => ({
        decision: { closedOn: context.today, includeWithFutureDisclosures: input.includeWithFutureDisclosures },
      }),
    },
    prepare_rebuttal: {
      title: 'Prepare a written rebuttal',
      citation: '45 CFR 164.526(d)(3)',
      by: ['privacy_officer'],
      input: {
        rebuttal: { type: 'text', maxLength: 4000, required: true, description: 'The clinic’s rebuttal of the statement of disagreement.' },
      },
      guards: [partialNotificationsDone],
      apply: (_request, input, context) => ({
        decision: { rebuttalPreparedOn: context.today, rebuttalPreparedBy: context.actor.id, rebuttal: input.rebuttal },
      }),
    },
    close_without_rebuttal: {
      title: 'Close: disagreement on file, no rebuttal',
      citation: '45 CFR 164.526(d)(4), (d)(5)(i)',
      by: ['privacy_officer'],
      input: { note: { type: 'string', maxLength: 500 } },
      guards: [partialNotificationsDone],
      apply: (_request, input, context) => ({ decision: { closedOn: context.today, closingNote: input.note ?? null } }),
    },
    send_rebuttal_copy: {
      title: 'Send the individual a copy of the rebuttal (closes the request)',
      citation: '45 CFR 164.526(d)(3)',
      by: ['privacy_officer'],
      input: { sentVia: { type: 'enum', values: ['mail', 'email', 'portal', 'in_person'], required: true } },
      apply: (_request, input, context) => ({
        decision: { rebuttalCopySentOn: context.today, rebuttalCopySentVia: input.sentVia, closedOn: context.today },
      }),
      effects: () => [{ kind: 'letter', template: 'rebuttal', citation: '45 CFR 164.526(d)(3)' }],
    },
  },
} satisfies MachineDefinition<AmendmentState>;
