import { decide } from '../decide.js';
import type { ActionContext, Actor, Decision, KnownUser, MachineDefinition, RequestFacts } from '../machine.js';
import {
  accepted,
  actionContext,
  openStates,
  patient,
  requestFacts,
  staff,
  terminalStates,
  transitionsOf,
  type AcceptedDecision,
} from '../testing/machine-fixtures.js';
import { validateMachine } from '../validate-machine.js';
import { accessMachine, REVIEWABLE_GROUNDS, UNREVIEWABLE_GROUNDS } from './access.machine.js';

const machine: MachineDefinition = accessMachine;

// Users named by uuid inputs (determinedBy, reviewerId); decide() looks them up in context.users.
const LICENSED_HCP = '00000000-0000-4000-8000-000000000001';
const REVIEWER = '00000000-0000-4000-8000-000000000002';
const SECOND_REVIEWER = '00000000-0000-4000-8000-000000000003';
const UNLICENSED_REVIEWER = '00000000-0000-4000-8000-000000000004';
const UNLICENSED_STAFF = '00000000-0000-4000-8000-000000000005';
const INACTIVE_HCP = '00000000-0000-4000-8000-000000000006';
const DETERMINER_REVIEWER = '00000000-0000-4000-8000-000000000007';
const PO_REVIEWER = '00000000-0000-4000-8000-000000000008';
const UNKNOWN_USER = '00000000-0000-4000-8000-0000000000ff';

const users: Record<string, KnownUser> = {
  [LICENSED_HCP]: { roles: ['clinician'], licensed: true, active: true },
  [REVIEWER]: { roles: ['reviewer'], licensed: true, active: true },
  [SECOND_REVIEWER]: { roles: ['reviewer'], licensed: true, active: true },
  [UNLICENSED_REVIEWER]: { roles: ['reviewer'], licensed: false, active: true },
  [UNLICENSED_STAFF]: { roles: ['privacy_officer'], licensed: false, active: true },
  [INACTIVE_HCP]: { roles: ['clinician', 'reviewer'], licensed: true, active: false },
  [DETERMINER_REVIEWER]: { roles: ['clinician', 'reviewer'], licensed: true, active: true },
  [PO_REVIEWER]: { roles: ['privacy_officer', 'reviewer'], licensed: true, active: true },
};

const PATIENT = patient('REQ-2026-0001');
const actorReviewer = (id: string): Actor => staff(id, ['reviewer']);

const makeRequest = (status: string, overrides: Partial<RequestFacts> = {}): RequestFacts =>
  requestFacts('access', { status, details: { requester: { type: 'self' }, accessType: 'copy' }, ...overrides });

const makeContext = (overrides: Partial<ActionContext> = {}): ActionContext => actionContext({ users, ...overrides });

const asPatient = makeContext({ actor: PATIENT });
const asReviewer = makeContext({ actor: actorReviewer(REVIEWER) });

/** Applies a successful decision to the request, as the caller would after committing it. */
function after(request: RequestFacts, decision: Decision): RequestFacts {
  const { to, changes } = accepted(decision);
  return {
    ...request,
    status: to,
    dueOn: changes.dueOn ?? request.dueOn,
    extended: changes.extended ?? request.extended,
    identity: changes.identity ?? request.identity,
    decision: { ...request.decision, ...(changes.decision ?? {}) },
  };
}

function expectRefused(decision: Decision, code: string, citation?: string): void {
  expect(decision).toMatchObject({ ok: false, code });
  if (citation && !decision.ok) expect(decision.citation).toBe(citation);
}

function expectMoved(decision: Decision, to: string): AcceptedDecision {
  const moved = accepted(decision);
  expect(moved.to).toBe(to);
  return moved;
}

/** A denial on a reviewable ground, determined by a licensed professional, as recorded by `deny`. */
const REVIEWABLE_DENIAL = {
  grounds: ['endangers_life_or_safety'],
  basis: 'x',
  deniedBy: 'u-po',
  determinedBy: LICENSED_HCP,
  reviewable: true,
  deniedOn: '2026-01-12',
  partial: false,
};

const GRANT = { accessType: 'copy', format: 'electronic', delivery: 'portal' };
const DENY_UNREVIEWABLE = { grounds: ['psychotherapy_notes'], basis: 'Psychotherapy notes are not part of the right of access.' };
const DENY_REVIEWABLE = {
  grounds: ['endangers_life_or_safety'],
  basis: 'A licensed professional found a risk to life.',
  determinedBy: LICENSED_HCP,
};
const EXTEND = { reasons: 'The records are archived off site.', newDueOn: '2026-03-11' };

/** Valid input and performer for every action of the table. */
const VALID: Record<string, { input: Record<string, unknown>; context: ActionContext }> = {
  verify_identity: { input: { method: 'photo_id_in_person', documentsRelied: 'driving licence' }, context: makeContext() },
  withdraw: { input: { note: 'by phone' }, context: makeContext() },
  extend: { input: EXTEND, context: makeContext() },
  grant: { input: GRANT, context: makeContext() },
  fulfil: { input: { deliveredVia: 'portal', feeCents: 650 }, context: makeContext() },
  deny: { input: DENY_UNREVIEWABLE, context: makeContext() },
  deny_in_part: { input: { ...DENY_UNREVIEWABLE, withheld: 'psychotherapy notes' }, context: makeContext() },
  refer: { input: { holderName: 'County Lab', holderAddress: '1 Main St, Springfield' }, context: makeContext() },
  request_review: { input: {}, context: asPatient },
  assign_reviewer: { input: { reviewerId: REVIEWER }, context: makeContext() },
  uphold_denial: { input: { standardsApplied: ['endangers_life_or_safety'], explanation: 'The risk remains.' }, context: asReviewer },
  reverse_denial: { input: { explanation: 'The risk is no longer present.' }, context: asReviewer },
};

/** A request in `status` in which every action's preconditions hold (identity verified, reviewable denial, reviewer assigned). */
const readyRequest = (status: string) =>
  makeRequest(status, {
    identity: { verified: true, method: 'portal_account', verifiedBy: 'u-po', verifiedOn: '2026-01-11' },
    decision: { ...REVIEWABLE_DENIAL, reviewerId: REVIEWER },
  });

const TRANSITIONS = transitionsOf(machine);
const TERMINAL = terminalStates(machine);
const OPEN = openStates(machine);

describe('access machine (45 CFR 164.524)', () => {
  it('is a valid machine', () => {
    expect(validateMachine(machine)).toEqual([]);
  });

  it('has a valid input and performer for every action', () => {
    expect(Object.keys(VALID).sort()).toEqual(Object.keys(machine.actions).sort());
  });

  it('lets every open state verify identity in place and be withdrawn (45 CFR 164.514(h))', () => {
    for (const state of OPEN) {
      expect(machine.transitions[state]).toMatchObject({ verify_identity: state, withdraw: 'withdrawn' });
    }
    for (const state of TERMINAL) expect(machine.transitions[state]).toBeUndefined();
  });

  describe('every transition of the table', () => {
    it.each(TRANSITIONS)('%s --%s--> %s', (from, action, to) => {
      const { input, context } = VALID[action];
      const decision = expectMoved(decide(machine, readyRequest(from), action, input, context), to);
      expect(decision.from).toBe(from);
      expect(decision.action).toBe(action);
    });
  });

  describe('the clock (45 CFR 164.524(b)(2))', () => {
    it('keeps running after a grant: access must still be provided within the deadline (45 CFR 164.524(b)(2)(i)(A))', () => {
      const decision = expectMoved(decide(machine, makeRequest('received'), 'grant', GRANT, makeContext()), 'granted');
      expect(decision.closes).toBe(false);
      expect(machine.states.granted.clock).toBe('running');
      expect(decision.changes.decision).toEqual({
        grantedOn: '2026-01-15',
        grantedBy: 'u-po',
        accessType: 'copy',
        format: 'electronic',
        delivery: 'portal',
      });
    });

    it('stops when access is provided (45 CFR 164.524(b)(2)(i)(A), (c))', () => {
      const granted = makeRequest('granted', { identity: { verified: true } });
      const decision = expectMoved(decide(machine, granted, 'fulfil', { deliveredVia: 'mail' }, makeContext()), 'fulfilled');
      expect(decision.closes).toBe(true);
      expect(decision.changes.decision).toEqual({ fulfilledOn: '2026-01-15', deliveredVia: 'mail', feeCents: 0 });
      expect(decision.effects).toEqual([{ kind: 'letter', template: 'access_fulfilment' }]);
    });

    it('stops when a written denial is sent (45 CFR 164.524(b)(2)(i)(B))', () => {
      const decision = expectMoved(decide(machine, makeRequest('received'), 'deny', DENY_UNREVIEWABLE, makeContext()), 'denied');
      expect(decision.closes).toBe(true);
    });

    it('keeps running after a partial denial until the rest is provided, then stops (45 CFR 164.524(d)(1))', () => {
      const input = { ...DENY_UNREVIEWABLE, withheld: 'psychotherapy notes' };
      const partly = decide(machine, makeRequest('received', { identity: { verified: true } }), 'deny_in_part', input, makeContext());
      expect(expectMoved(partly, 'partly_denied').closes).toBe(false);
      const fulfilled = decide(
        machine,
        after(makeRequest('received', { identity: { verified: true } }), partly),
        'fulfil',
        { deliveredVia: 'portal' },
        makeContext(),
      );
      expect(expectMoved(fulfilled, 'partly_fulfilled').closes).toBe(true);
    });

    it('stops when the patient is told who holds the records (45 CFR 164.524(d)(3))', () => {
      const decision = decide(machine, makeRequest('received'), 'refer', VALID.refer.input, makeContext());
      expect(expectMoved(decision, 'referred').closes).toBe(true);
      expect(decision).toMatchObject({ effects: [{ kind: 'letter', template: 'access_referral', citation: '45 CFR 164.524(d)(3)' }] });
    });

    it('runs while the clinic owes an answer and is paused during review, which has no deadline (45 CFR 164.524(a)(4), (d)(4))', () => {
      for (const state of ['received', 'granted', 'partly_denied']) expect(machine.states[state].clock).toBe('running');
      for (const state of ['review_requested', 'under_review']) expect(machine.states[state].clock).toBe('paused');
      for (const state of ['fulfilled', 'partly_fulfilled', 'denied', 'referred', 'review_upheld', 'withdrawn']) {
        expect(machine.states[state].clock).toBe('stopped');
      }
    });
  });

  describe('identity verification (45 CFR 164.514(h))', () => {
    it.each(OPEN)('in %s records method and verifier, keeps the state and does not stop the clock (45 CFR 164.514(h))', (state) => {
      const decision = expectMoved(decide(machine, makeRequest(state), 'verify_identity', { method: 'callback' }, makeContext()), state);
      expect(decision.closes).toBe(false);
      expect(decision.changes.identity).toEqual({ verified: true, method: 'callback', verifiedBy: 'u-po', verifiedOn: '2026-01-15' });
      expect(decision.changes.dueOn).toBeUndefined();
      expect(decision.effects).toEqual([]);
    });

    it('records that a personal representative’s authority was verified (45 CFR 164.514(h)(1), 164.502(g))', () => {
      const decision = decide(
        machine,
        makeRequest('received'),
        'verify_identity',
        { method: 'id_document_copy', authorityVerified: true },
        makeContext(),
      );
      expect(expectMoved(decision, 'received').changes.decision).toEqual({ authorityVerified: true });
    });

    it.each(['granted', 'partly_denied', 'review_reversed'])(
      'refuses to record access provided in %s before identity is verified (45 CFR 164.514(h)(1))',
      (state) => {
        expectRefused(
          decide(machine, makeRequest(state), 'fulfil', { deliveredVia: 'portal' }, makeContext()),
          'IDENTITY_NOT_VERIFIED',
          '45 CFR 164.514(h)(1)',
        );
      },
    );

    it('does not hold up a grant or a denial: only the disclosure waits for verification (45 CFR 164.514(h))', () => {
      expectMoved(decide(machine, makeRequest('received'), 'grant', GRANT, makeContext()), 'granted');
      expectMoved(decide(machine, makeRequest('received'), 'deny', DENY_UNREVIEWABLE, makeContext()), 'denied');
    });
  });

  describe('grant (45 CFR 164.524(c))', () => {
    it.each(['copy', 'both'])(
      'refuses a %s grant that does not say in which form the copy is provided (45 CFR 164.524(c)(2))',
      (accessType) => {
        const decision = decide(machine, makeRequest('received'), 'grant', { accessType, delivery: 'mail' }, makeContext());
        expectRefused(decision, 'FORMAT_REQUIRED', '45 CFR 164.524(c)(2)');
      },
    );

    it('grants inspection with no copy format (45 CFR 164.524(c)(2))', () => {
      const decision = decide(machine, makeRequest('received'), 'grant', { accessType: 'inspect', delivery: 'inspection' }, makeContext());
      expect(expectMoved(decision, 'granted').changes.decision).toMatchObject({ accessType: 'inspect', format: null });
    });
  });

  describe('denial (45 CFR 164.524(a)(2)-(3), (d))', () => {
    it('sends a written denial letter and records the grounds, without review right for (a)(2) grounds (45 CFR 164.524(a)(2), (d)(2))', () => {
      const decision = expectMoved(decide(machine, makeRequest('received'), 'deny', DENY_UNREVIEWABLE, makeContext()), 'denied');
      expect(decision.effects).toEqual([{ kind: 'letter', template: 'access_denial', citation: '45 CFR 164.524(d)(2)' }]);
      expect(decision.changes.decision).toEqual({
        grounds: ['psychotherapy_notes'],
        basis: DENY_UNREVIEWABLE.basis,
        deniedBy: 'u-po',
        determinedBy: null,
        reviewable: false,
        deniedOn: '2026-01-15',
        partial: false,
      });
    });

    it('sends the same denial letter for a partial denial and records what is withheld (45 CFR 164.524(d)(1)-(2))', () => {
      const input = { ...DENY_REVIEWABLE, withheld: 'notes of the March visit' };
      const decision = expectMoved(decide(machine, makeRequest('granted'), 'deny_in_part', input, makeContext()), 'partly_denied');
      expect(decision.effects).toEqual([{ kind: 'letter', template: 'access_denial', citation: '45 CFR 164.524(d)(2)' }]);
      expect(decision.changes.decision).toMatchObject({
        partial: true,
        withheld: 'notes of the March visit',
        reviewable: true,
        determinedBy: LICENSED_HCP,
      });
    });

    it.each(UNREVIEWABLE_GROUNDS)('denies on the (a)(2) ground %s without a licensed determination (45 CFR 164.524(a)(2))', (ground) => {
      const decision = decide(machine, makeRequest('received'), 'deny', { grounds: [ground], basis: 'b' }, makeContext());
      expect(expectMoved(decision, 'denied').changes.decision).toMatchObject({ reviewable: false, determinedBy: null });
    });

    it.each(REVIEWABLE_GROUNDS)('refuses the reviewable ground %s with no licensed determiner (45 CFR 164.524(a)(3))', (ground) => {
      const details = { requester: { type: 'personal_representative' } };
      for (const action of ['deny', 'deny_in_part']) {
        const input = { grounds: [ground], basis: 'b', ...(action === 'deny_in_part' ? { withheld: 'w' } : {}) };
        expectRefused(
          decide(machine, makeRequest('received', { details }), action, input, makeContext()),
          'LICENSED_DETERMINATION_REQUIRED',
          '45 CFR 164.524(a)(3)',
        );
      }
    });

    it('refuses a reviewable ground determined by someone who is not a licensed professional (45 CFR 164.524(a)(3))', () => {
      const input = { ...DENY_REVIEWABLE, determinedBy: UNLICENSED_STAFF };
      expectRefused(decide(machine, makeRequest('received'), 'deny', input, makeContext()), 'LICENSED_DETERMINATION_REQUIRED');
    });

    it('refuses a mixed denial whose reviewable ground lacks a licensed determination (45 CFR 164.524(a)(3))', () => {
      const input = { grounds: ['psychotherapy_notes', 'harm_to_person_referenced'], basis: 'b' };
      expectRefused(decide(machine, makeRequest('received'), 'deny', input, makeContext()), 'LICENSED_DETERMINATION_REQUIRED');
    });

    it('denies on a reviewable ground determined by a licensed professional, and marks it reviewable (45 CFR 164.524(a)(3))', () => {
      const decision = expectMoved(decide(machine, makeRequest('received'), 'deny', DENY_REVIEWABLE, makeContext()), 'denied');
      expect(decision.changes.decision).toMatchObject({ reviewable: true, determinedBy: LICENSED_HCP, deniedBy: 'u-po' });
    });

    it.each([
      ['the patient', { requester: { type: 'self' } }],
      ['no recorded requester', {}],
    ])('refuses harm through a representative when %s asked (45 CFR 164.524(a)(3)(iii))', (_who, details) => {
      const input = { grounds: ['harm_through_representative'], basis: 'b', determinedBy: LICENSED_HCP };
      const decision = decide(machine, makeRequest('received', { details }), 'deny', input, makeContext());
      expectRefused(decision, 'GROUND_NEEDS_REPRESENTATIVE', '45 CFR 164.524(a)(3)(iii)');
      const partial = decide(machine, makeRequest('granted', { details }), 'deny_in_part', { ...input, withheld: 'w' }, makeContext());
      expectRefused(partial, 'GROUND_NEEDS_REPRESENTATIVE');
    });

    it('denies a personal representative on harm through the representative (45 CFR 164.524(a)(3)(iii))', () => {
      const details = { requester: { type: 'personal_representative' } };
      const input = { grounds: ['harm_through_representative'], basis: 'b', determinedBy: LICENSED_HCP };
      expectMoved(decide(machine, makeRequest('received', { details }), 'deny', input, makeContext()), 'denied');
    });

    it.each([
      ['unknown', UNKNOWN_USER],
      ['inactive', INACTIVE_HCP],
    ])('refuses a determination by an %s user as invalid input (45 CFR 164.524(a)(3))', (_what, determinedBy) => {
      const decision = decide(machine, makeRequest('received'), 'deny', { ...DENY_REVIEWABLE, determinedBy }, makeContext());
      expectRefused(decision, 'INVALID_INPUT');
      expect(decision).toMatchObject({ kind: 'invalid_input', errors: [{ field: 'determinedBy' }] });
    });

    it('refuses a determinedBy that is not a uuid', () => {
      const decision = decide(machine, makeRequest('received'), 'deny', { ...DENY_REVIEWABLE, determinedBy: 'dr-smith' }, makeContext());
      expect(decision).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        errors: [{ field: 'determinedBy', message: 'determinedBy must be a UUID' }],
      });
    });
  });

  describe('review of a denial (45 CFR 164.524(a)(4), (d)(4))', () => {
    it('runs from a reviewable denial through review to an upheld denial (45 CFR 164.524(a)(4), (d)(4))', () => {
      let request = after(makeRequest('received'), decide(machine, makeRequest('received'), 'deny', DENY_REVIEWABLE, makeContext()));
      request = after(request, decide(machine, request, 'request_review', {}, asPatient));
      expect(request.status).toBe('review_requested');
      expect(request.decision.reviewRequestedOn).toBe('2026-01-15');
      request = after(request, decide(machine, request, 'assign_reviewer', { reviewerId: REVIEWER }, makeContext()));
      expect(request.status).toBe('under_review');
      expect(request.decision).toMatchObject({ reviewerId: REVIEWER, referredForReviewOn: '2026-01-15' });
      const upheld = decide(machine, request, 'uphold_denial', VALID.uphold_denial.input, asReviewer);
      expect(expectMoved(upheld, 'review_upheld').effects).toEqual([
        { kind: 'letter', template: 'review_outcome', citation: '45 CFR 164.524(d)(4)' },
      ]);
      expect(after(request, upheld).decision).toMatchObject({ reviewOutcome: 'upheld', reviewStandards: ['endangers_life_or_safety'] });
    });

    it('provides access after a reversed review of a partial denial (45 CFR 164.524(d)(4))', () => {
      let request = makeRequest('partly_fulfilled', { identity: { verified: true }, decision: { ...REVIEWABLE_DENIAL, partial: true } });
      request = after(request, decide(machine, request, 'request_review', {}, makeContext()));
      request = after(request, decide(machine, request, 'assign_reviewer', { reviewerId: SECOND_REVIEWER }, makeContext()));
      const reversed = decide(
        machine,
        request,
        'reverse_denial',
        VALID.reverse_denial.input,
        makeContext({ actor: actorReviewer(SECOND_REVIEWER) }),
      );
      expect(expectMoved(reversed, 'review_reversed').effects).toEqual([
        { kind: 'letter', template: 'review_outcome', citation: '45 CFR 164.524(d)(4)' },
      ]);
      request = after(request, reversed);
      expect(request.decision.reviewOutcome).toBe('reversed');
      expectMoved(decide(machine, request, 'fulfil', { deliveredVia: 'email' }, makeContext()), 'fulfilled');
    });

    it('refuses review of a denial on (a)(2) grounds only (45 CFR 164.524(a)(2))', () => {
      const request = after(makeRequest('received'), decide(machine, makeRequest('received'), 'deny', DENY_UNREVIEWABLE, makeContext()));
      expectRefused(decide(machine, request, 'request_review', {}, asPatient), 'DENIAL_NOT_REVIEWABLE', '45 CFR 164.524(a)(2)');
      const partly = makeRequest('partly_fulfilled', { decision: { ...REVIEWABLE_DENIAL, reviewable: false, determinedBy: null } });
      expectRefused(decide(machine, partly, 'request_review', {}, makeContext()), 'DENIAL_NOT_REVIEWABLE');
    });

    it('allows review of a denial that used at least one (a)(3) ground (45 CFR 164.524(a)(4))', () => {
      const input = { grounds: ['privacy_act', 'endangers_life_or_safety'], basis: 'b', determinedBy: LICENSED_HCP };
      const request = after(makeRequest('received'), decide(machine, makeRequest('received'), 'deny', input, makeContext()));
      expectMoved(decide(machine, request, 'request_review', {}, asPatient), 'review_requested');
    });

    it('refuses an unlicensed reviewing official (45 CFR 164.524(a)(4))', () => {
      const request = makeRequest('review_requested', { decision: REVIEWABLE_DENIAL });
      const decision = decide(machine, request, 'assign_reviewer', { reviewerId: UNLICENSED_REVIEWER }, makeContext());
      expectRefused(decision, 'REVIEWER_NOT_LICENSED', '45 CFR 164.524(a)(4)');
    });

    it('refuses a licensed professional without the reviewer role as reviewing official (45 CFR 164.524(a)(4))', () => {
      const request = makeRequest('review_requested', { decision: { ...REVIEWABLE_DENIAL, determinedBy: DETERMINER_REVIEWER } });
      expectRefused(decide(machine, request, 'assign_reviewer', { reviewerId: LICENSED_HCP }, makeContext()), 'REVIEWER_NOT_LICENSED');
    });

    it('refuses the licensed professional who determined the denial as reviewer (45 CFR 164.524(a)(4))', () => {
      const request = makeRequest('review_requested', { decision: { ...REVIEWABLE_DENIAL, determinedBy: DETERMINER_REVIEWER } });
      const decision = decide(machine, request, 'assign_reviewer', { reviewerId: DETERMINER_REVIEWER }, makeContext());
      expectRefused(decision, 'REVIEWER_WAS_INVOLVED', '45 CFR 164.524(a)(4)');
    });

    it('refuses the person who denied access as reviewer (45 CFR 164.524(a)(4))', () => {
      const asPoReviewer = makeContext({ actor: staff(PO_REVIEWER, ['privacy_officer', 'reviewer']) });
      let request = after(makeRequest('received'), decide(machine, makeRequest('received'), 'deny', DENY_REVIEWABLE, asPoReviewer));
      expect(request.decision.deniedBy).toBe(PO_REVIEWER);
      request = after(request, decide(machine, request, 'request_review', {}, asPatient));
      expectRefused(decide(machine, request, 'assign_reviewer', { reviewerId: PO_REVIEWER }, makeContext()), 'REVIEWER_WAS_INVOLVED');
    });

    it.each([
      ['unknown', UNKNOWN_USER],
      ['inactive', INACTIVE_HCP],
    ])('refuses an %s reviewer as invalid input (45 CFR 164.524(a)(4))', (_what, reviewerId) => {
      const decision = decide(
        machine,
        makeRequest('review_requested', { decision: REVIEWABLE_DENIAL }),
        'assign_reviewer',
        { reviewerId },
        makeContext(),
      );
      expect(decision).toMatchObject({ ok: false, code: 'INVALID_INPUT', errors: [{ field: 'reviewerId' }] });
    });

    it.each(['uphold_denial', 'reverse_denial'])('refuses %s by a reviewer who was not designated (45 CFR 164.524(d)(4))', (action) => {
      const request = makeRequest('under_review', { decision: { ...REVIEWABLE_DENIAL, reviewerId: REVIEWER } });
      const other = makeContext({ actor: actorReviewer(SECOND_REVIEWER) });
      expectRefused(decide(machine, request, action, VALID[action].input, other), 'NOT_ASSIGNED_REVIEWER', '45 CFR 164.524(d)(4)');
    });

    it('lets the reviewer apply only the (a)(3) standards when upholding (45 CFR 164.524(d)(4))', () => {
      const request = makeRequest('under_review', { decision: { ...REVIEWABLE_DENIAL, reviewerId: REVIEWER } });
      const decision = decide(
        machine,
        request,
        'uphold_denial',
        { standardsApplied: ['psychotherapy_notes'], explanation: 'e' },
        asReviewer,
      );
      expect(decision).toMatchObject({ ok: false, code: 'INVALID_INPUT', errors: [{ field: 'standardsApplied' }] });
    });

    it('refuses review in a state with no denial (45 CFR 164.524(a)(4))', () => {
      expectRefused(
        decide(machine, makeRequest('granted', { decision: REVIEWABLE_DENIAL }), 'request_review', {}, asPatient),
        'NOT_ALLOWED_IN_STATE',
      );
    });
  });

  describe('extension (45 CFR 164.524(b)(2)(ii))', () => {
    const citation = '45 CFR 164.524(b)(2)(ii)';

    it.each(['received', 'granted', 'partly_denied'])(
      'extends once in %s: moves the due date, sends a notice and watches the deadline, without stopping the clock (45 CFR 164.524(b)(2)(ii))',
      (state) => {
        const decision = expectMoved(decide(machine, makeRequest(state), 'extend', EXTEND, makeContext()), state);
        expect(decision.closes).toBe(false);
        expect(decision.changes).toEqual({
          dueOn: '2026-03-11',
          extended: true,
          decision: { extension: { reasons: EXTEND.reasons, newDueOn: '2026-03-11', noticeOn: '2026-01-15' } },
        });
        expect(decision.effects).toEqual([{ kind: 'letter', template: 'extension_notice', citation }, { kind: 'watch_deadline' }]);
      },
    );

    it('refuses a second extension (45 CFR 164.524(b)(2)(ii))', () => {
      const extended = after(
        makeRequest('received'),
        decide(machine, makeRequest('received'), 'extend', { ...EXTEND, newDueOn: '2026-02-20' }, makeContext()),
      );
      expect(extended).toMatchObject({ extended: true, dueOn: '2026-02-20' });
      expectRefused(decide(machine, extended, 'extend', EXTEND, makeContext()), 'EXTENSION_ALREADY_USED', citation);
    });

    it('accepts the notice on the 30th day and refuses it after (45 CFR 164.524(b)(2)(ii))', () => {
      expectMoved(decide(machine, makeRequest('received'), 'extend', EXTEND, makeContext({ today: '2026-02-09' })), 'received');
      const late = makeContext({ now: new Date('2026-02-10T15:00:00Z'), today: '2026-02-10' });
      expectRefused(decide(machine, makeRequest('received'), 'extend', EXTEND, late), 'EXTENSION_TOO_LATE', citation);
    });

    it.each(['2026-02-09', '2026-02-01'])(
      'refuses a new due date of %s, not after the current one (45 CFR 164.524(b)(2)(ii))',
      (newDueOn) => {
        expectRefused(decide(machine, makeRequest('received'), 'extend', { ...EXTEND, newDueOn }, makeContext()), 'EXTENSION_NOT_LATER');
      },
    );

    it('refuses more than 30 extra days (45 CFR 164.524(b)(2)(ii))', () => {
      expectRefused(
        decide(machine, makeRequest('received'), 'extend', { ...EXTEND, newDueOn: '2026-03-12' }, makeContext()),
        'EXTENSION_BEYOND_MAXIMUM',
        citation,
      );
    });

    it('refuses to extend a deadline with no lawful maximum (45 CFR 164.524(b)(2)(ii))', () => {
      expectRefused(
        decide(machine, makeRequest('received', { extensionMaxOn: null }), 'extend', EXTEND, makeContext()),
        'NOT_EXTENDABLE',
        citation,
      );
    });

    it('refuses an extension once the clinic has answered in writing (45 CFR 164.524(b)(2)(ii))', () => {
      for (const state of ['denied', 'partly_fulfilled', 'review_requested', 'under_review', 'review_reversed']) {
        expectRefused(decide(machine, makeRequest(state), 'extend', EXTEND, makeContext()), 'NOT_ALLOWED_IN_STATE');
      }
    });

    it('refuses an extension without reasons or with an impossible date (45 CFR 164.524(b)(2)(ii)(A)-(B))', () => {
      const noReasons = decide(machine, makeRequest('received'), 'extend', { newDueOn: '2026-03-01' }, makeContext());
      expect(noReasons).toMatchObject({ ok: false, code: 'INVALID_INPUT', errors: [{ field: 'reasons' }] });
      const badDate = decide(machine, makeRequest('received'), 'extend', { ...EXTEND, newDueOn: '2026-02-30' }, makeContext());
      expect(badDate).toMatchObject({ ok: false, code: 'INVALID_INPUT', errors: [{ field: 'newDueOn' }] });
    });
  });

  describe('withdrawal and terminal states', () => {
    it.each(OPEN)('the patient withdraws from %s', (state) => {
      const decision = expectMoved(decide(machine, makeRequest(state), 'withdraw', {}, asPatient), 'withdrawn');
      expect(decision.changes.decision).toEqual({ withdrawnOn: '2026-01-15', withdrawnBy: 'patient', withdrawalNote: null });
    });

    it('staff record a withdrawal received by phone', () => {
      const decision = decide(machine, makeRequest('granted'), 'withdraw', { note: 'phone call' }, makeContext());
      expect(expectMoved(decision, 'withdrawn').changes.decision).toMatchObject({ withdrawnBy: 'staff', withdrawalNote: 'phone call' });
    });

    it.each(TERMINAL)('allows nothing in the terminal state %s', (state) => {
      for (const action of Object.keys(machine.actions)) {
        const decision = decide(machine, readyRequest(state), action, VALID[action].input, VALID[action].context);
        expect(decision).toMatchObject({ ok: false, kind: 'not_allowed', code: 'NOT_ALLOWED_IN_STATE' });
      }
    });
  });

  describe('performers and input', () => {
    it('does not let a reviewer grant access (45 CFR 164.524(b)(2))', () => {
      const decision = decide(machine, makeRequest('received'), 'grant', GRANT, asReviewer);
      expect(decision).toMatchObject({ ok: false, kind: 'forbidden', code: 'NOT_YOUR_ACTION' });
    });

    it('lets the patient request review and withdraw, but not grant, fulfil or verify (45 CFR 164.524(a)(4))', () => {
      expectMoved(
        decide(machine, makeRequest('denied', { decision: REVIEWABLE_DENIAL }), 'request_review', {}, asPatient),
        'review_requested',
      );
      expectMoved(decide(machine, makeRequest('received'), 'withdraw', {}, asPatient), 'withdrawn');
      expectRefused(decide(machine, makeRequest('received'), 'grant', GRANT, asPatient), 'NOT_YOUR_ACTION');
      expectRefused(decide(machine, readyRequest('granted'), 'fulfil', VALID.fulfil.input, asPatient), 'NOT_YOUR_ACTION');
      expectRefused(decide(machine, makeRequest('received'), 'verify_identity', { method: 'other' }, asPatient), 'NOT_YOUR_ACTION');
    });

    it('does not let a privacy officer decide a review (45 CFR 164.524(d)(4))', () => {
      const request = makeRequest('under_review', { decision: { ...REVIEWABLE_DENIAL, reviewerId: REVIEWER } });
      expectRefused(decide(machine, request, 'reverse_denial', VALID.reverse_denial.input, makeContext()), 'NOT_YOUR_ACTION');
    });

    it('lets an admin act as privacy officer', () => {
      const asAdmin = makeContext({ actor: staff('u-admin', ['admin']) });
      expectMoved(decide(machine, makeRequest('received'), 'grant', GRANT, asAdmin), 'granted');
    });

    it('refuses an action the machine does not have', () => {
      expect(decide(machine, makeRequest('received'), 'approve', {}, makeContext())).toMatchObject({
        ok: false,
        kind: 'unknown_action',
        code: 'UNKNOWN_ACTION',
      });
    });

    it('refuses an action not allowed in the current state, naming the allowed ones', () => {
      const decision = decide(machine, makeRequest('received'), 'fulfil', VALID.fulfil.input, makeContext());
      expectRefused(decision, 'NOT_ALLOWED_IN_STATE');
      if (!decision.ok) expect(decision.message).toContain('allowed: verify_identity, withdraw, extend, grant, deny, deny_in_part, refer');
    });

    it('refuses an unknown input field, naming it', () => {
      const decision = decide(machine, makeRequest('received'), 'grant', { ...GRANT, patientName: 'Jane' }, makeContext());
      expect(decision).toMatchObject({ ok: false, kind: 'invalid_input', code: 'INVALID_INPUT', errors: [{ field: 'patientName' }] });
      if (!decision.ok) expect(decision.message).toContain('patientName');
    });

    it('refuses a missing required field, naming it', () => {
      const decision = decide(machine, makeRequest('received'), 'grant', { accessType: 'inspect' }, makeContext());
      expect(decision).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        errors: [{ field: 'delivery', message: 'delivery is required' }],
      });
    });

    it('checks input before guards: a bad grant is INVALID_INPUT, not FORMAT_REQUIRED', () => {
      const decision = decide(machine, makeRequest('received'), 'grant', { accessType: 'copy', delivery: 'pigeon' }, makeContext());
      expect(decision).toMatchObject({ ok: false, code: 'INVALID_INPUT', errors: [{ field: 'delivery' }] });
    });

    it('refuses a denial with no ground or an unknown ground (45 CFR 164.524(d)(2))', () => {
      for (const grounds of [[], ['too_expensive'], ['privacy_act', 'privacy_act']]) {
        const decision = decide(machine, makeRequest('received'), 'deny', { grounds, basis: 'b' }, makeContext());
        expect(decision).toMatchObject({ ok: false, code: 'INVALID_INPUT', errors: [{ field: 'grounds' }] });
      }
    });

    it('never puts patient free text in a refusal message', () => {
      const basis = 'Jane Doe, DOB 1980-01-01, disclosed abuse by her partner';
      const refused = decide(machine, makeRequest('received'), 'deny', { grounds: ['endangers_life_or_safety'], basis }, makeContext());
      expectRefused(refused, 'LICENSED_DETERMINATION_REQUIRED');
      if (!refused.ok) expect(refused.message).not.toContain('Jane');
    });
  });
});
