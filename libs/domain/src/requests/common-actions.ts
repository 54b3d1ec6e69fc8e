import type { ActionDefinition, Guard, StateDefinition } from './machine.js';

/** Actions every open state allows without changing state. */
export const UNIVERSAL_SELF_ACTIONS = ['verify_identity'];

export const IDENTITY_METHODS = [
  'known_to_staff',
  'photo_id_in_person',
  'portal_account',
  'id_document_copy',
  'knowledge_questions',
  'callback',
  'other',
] as const;

/**
 * Records how the requester's identity and authority were verified, and by
 * whom. The clock keeps running meanwhile: the rule lets it stop for nothing
 * (45 CFR 164.514(h); HHS: verification must not delay access).
 */
export const verifyIdentity: ActionDefinition = {
  title: 'Record identity verification',
  citation: '45 CFR 164.514(h)',
  by: ['privacy_officer'],
  input: {
    method: { type: 'enum', values: IDENTITY_METHODS, required: true },
    documentsRelied: { type: 'string', maxLength: 500, description: 'What was relied on (no copies of the documents here: attach them).' },
    authorityVerified: { type: 'boolean', description: 'For a personal representative: their authority was verified too (164.502(g)).' },
  },
  apply: (_request, input, context) => ({
    identity: { verified: true, method: input.method as string, verifiedBy: context.actor.id, verifiedOn: context.today },
    decision: input.authorityVerified === undefined ? undefined : { authorityVerified: input.authorityVerified },
  }),
};

/** The patient (or staff on their word) withdraws the request; nothing more is owed. */
export const withdraw: ActionDefinition = {
  title: 'Withdraw the request',
  by: ['privacy_officer', 'patient'],
  input: { note: { type: 'string', maxLength: 500, description: 'How the withdrawal was received (letter, phone, portal).' } },
  apply: (_request, input, context) => ({
    decision: { withdrawnOn: context.today, withdrawnBy: context.actor.kind, withdrawalNote: input.note ?? null },
  }),
};

export const WITHDRAWN: StateDefinition = {
  title: 'Withdrawn',
  plain: 'You withdrew this request. Nothing more will be done with it.',
  clock: 'stopped',
  terminal: true,
};

/** Before any disclosure the requester's identity and authority must be verified (45 CFR 164.514(h)(1)). */
export const identityVerified: Guard = (request) =>
  request.identity.verified
    ? null
    : {
        code: 'IDENTITY_NOT_VERIFIED',
        message: 'record how the requester’s identity was verified first',
        citation: '45 CFR 164.514(h)(1)',
      };

/**
 * One extension, in writing, with reasons and a completion date, sent on or
 * before the due date in force, no later than the legal maximum. The same
 * rule for access, amendment and accounting; `citation` names the paragraph.
 */
export function extendAction(citation: string): ActionDefinition {
  return {
    title: 'Extend the deadline (once)',
    citation,
    by: ['privacy_officer'],
    input: {
      reasons: { type: 'text', maxLength: 2000, required: true, description: 'Why more time is needed; goes into the written notice.' },
      newDueOn: { type: 'date', required: true, description: 'The date by which the clinic will act.' },
    },
    guards: [
      (request) => (request.extended ? { code: 'EXTENSION_ALREADY_USED', message: 'only one extension is allowed', citation } : null),
      (request, _input, context) =>
        request.dueOn && context.today > request.dueOn
          ? { code: 'EXTENSION_TOO_LATE', message: `the extension notice had to go out by ${request.dueOn}`, citation }
          : null,
      (request, input) =>
        request.dueOn && (input.newDueOn as string) <= request.dueOn
          ? { code: 'EXTENSION_NOT_LATER', message: 'the new date must be after the current due date', citation }
          : null,
      (request, input) =>
        !request.extensionMaxOn
          ? { code: 'NOT_EXTENDABLE', message: 'this deadline cannot be extended', citation }
          : (input.newDueOn as string) > request.extensionMaxOn
            ? { code: 'EXTENSION_BEYOND_MAXIMUM', message: `the latest lawful date is ${request.extensionMaxOn}`, citation }
            : null,
    ],
    apply: (_request, input, context) => ({
      dueOn: input.newDueOn as string,
      extended: true,
      decision: { extension: { reasons: input.reasons, newDueOn: input.newDueOn, noticeOn: context.today } },
    }),
    effects: () => [{ kind: 'letter', template: 'extension_notice', citation }, { kind: 'watch_deadline' }],
  };
}
