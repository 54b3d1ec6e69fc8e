import { decide } from '../decide.js';
import { validateInput } from '../input-schema.js';
import type { ActionContext, Actor, RequestFacts } from '../machine.js';
import { actionContext, decideOk, patient, refusalCode, requestFacts, staff, transitionsOf } from '../testing/machine-fixtures.js';
import { validateMachine } from '../validate-machine.js';
import { isSelfPayRestriction, RESTRICTION_DETAILS_SCHEMA, restrictionMachine } from './restriction.machine.js';

const ordinaryDetails = { scope: 'Visits for X', recipient: 'Acme Health Plan', recipientIsHealthPlan: true, purpose: 'payment' };
const selfPayDetails = { ...ordinaryDetails, selfPay: { paidInFull: true, items: 'svc-1', paidOn: '2026-01-05' } };

const request = (overrides: Partial<RequestFacts> = {}): RequestFacts =>
  requestFacts('restriction', { details: ordinaryDetails, ...overrides });

const requester = patient('REQ-1');
const context = (actor: Actor = staff()): ActionContext => actionContext({ actor });

const validInput: Record<string, Record<string, unknown>> = {
  verify_identity: { method: 'photo_id_in_person' },
  withdraw: { note: 'portal' },
  agree: {},
  decline: { explanation: 'Our systems cannot honor it.' },
  terminate_by_individual: { form: 'written' },
  terminate_by_clinic: { noticeOn: '2026-01-14' },
  record_emergency_use: { treatingProvider: 'County ER', redisclosureRequestMade: true },
};

/** Withdrawing an agreed restriction is the patient's own (written) portal request. */
const actorFor = (from: string, action: string) => (from === 'agreed' && action === 'withdraw' ? requester : staff());

describe('restriction machine (45 CFR 164.522(a), hipaa-rights.md §3)', () => {
  it('is a valid machine table', () => {
    expect(validateMachine(restrictionMachine)).toEqual([]);
  });

  it('keeps an agreed restriction in force for retention and stops the clock in terminal states (45 CFR 164.530(j)(2))', () => {
    expect(restrictionMachine.states.agreed.inForce).toBe(true);
    expect(restrictionMachine.states.received.clock).toBe('running');
    for (const state of Object.values(restrictionMachine.states))
      if ('terminal' in state && state.terminal) expect(state.clock).toBe('stopped');
  });

  describe('every transition of the table', () => {
    it.each(transitionsOf(restrictionMachine))('%s --%s--> %s', (from, action, to) => {
      const decision = decide(restrictionMachine, request({ status: from }), action, validInput[action], context(actorFor(from, action)));
      expect(decision).toMatchObject({ ok: true, from, to, action });
    });
  });

  describe('self-pay restrictions (45 CFR 164.522(a)(1)(vi))', () => {
    it('recognises a self-pay restriction to a health plan for payment or operations (45 CFR 164.522(a)(1)(vi))', () => {
      expect(isSelfPayRestriction(selfPayDetails)).toBe(true);
      expect(isSelfPayRestriction({ ...selfPayDetails, purpose: 'health_care_operations' })).toBe(true);
    });

    it('does not treat it as self-pay when not paid in full, not to a plan, for treatment, or required by law (45 CFR 164.522(a)(1)(vi))', () => {
      expect(isSelfPayRestriction(ordinaryDetails)).toBe(false);
      expect(isSelfPayRestriction({ ...selfPayDetails, selfPay: { paidInFull: false, items: 'svc-1' } })).toBe(false);
      expect(isSelfPayRestriction({ ...selfPayDetails, recipientIsHealthPlan: false })).toBe(false);
      expect(isSelfPayRestriction({ ...selfPayDetails, recipientIsHealthPlan: undefined })).toBe(false);
      expect(isSelfPayRestriction({ ...selfPayDetails, purpose: 'treatment' })).toBe(false);
      expect(isSelfPayRestriction({ ...selfPayDetails, purpose: 'persons_involved' })).toBe(false);
      expect(isSelfPayRestriction({ ...selfPayDetails, requiredByLaw: true })).toBe(false);
      expect(isSelfPayRestriction({ ...selfPayDetails, requiredByLaw: false })).toBe(true);
    });

    it('refuses to decline a self-pay restriction to a health plan (45 CFR 164.522(a)(1)(vi))', () => {
      const decision = decide(restrictionMachine, request({ details: selfPayDetails }), 'decline', {}, context());
      expect(refusalCode(decision)).toBe('SELF_PAY_RESTRICTION_MUST_BE_AGREED');
      expect(decision).toMatchObject({ citation: '45 CFR 164.522(a)(1)(vi)' });
    });

    it('lets an ordinary restriction be declined: the clinic need not agree (45 CFR 164.522(a)(1)(ii))', () => {
      const decision = decide(restrictionMachine, request(), 'decline', {}, context());
      expect(decision).toMatchObject({
        ok: true,
        to: 'declined',
        closes: true,
        effects: [{ kind: 'letter', template: 'restriction_declined' }],
      });
    });

    it('records whether an agreed restriction is self-pay and sends the agreement letter (45 CFR 164.522(a)(1)(vi), (a)(3))', () => {
      const decision = decide(restrictionMachine, request({ details: selfPayDetails }), 'agree', {}, context());
      expect(decision).toMatchObject({
        ok: true,
        to: 'agreed',
        closes: true,
        changes: { decision: { agreedOn: '2026-01-15', agreedBy: 'u-po', selfPay: true } },
        effects: [{ kind: 'letter', template: 'restriction_agreed' }],
      });
    });

    it('refuses a clinic termination of a self-pay restriction (45 CFR 164.522(a)(2)(iii))', () => {
      const agreed = request({ status: 'agreed', details: selfPayDetails, decision: { agreedOn: '2026-01-11', selfPay: true } });
      const decision = decide(restrictionMachine, agreed, 'terminate_by_clinic', { noticeOn: '2026-01-15' }, context());
      expect(refusalCode(decision)).toBe('SELF_PAY_RESTRICTION_CANNOT_BE_ENDED_BY_CLINIC');
    });

    it('still lets the individual end a self-pay restriction (45 CFR 164.522(a)(2)(i))', () => {
      const agreed = request({ status: 'agreed', details: selfPayDetails, decision: { selfPay: true } });
      expect(decide(restrictionMachine, agreed, 'terminate_by_individual', { form: 'written' }, context())).toMatchObject({
        ok: true,
        to: 'terminated',
      });
    });
  });

  describe('termination (45 CFR 164.522(a)(2))', () => {
    const agreed = request({ status: 'agreed', decision: { agreedOn: '2026-01-11' } });

    it('records a written termination by the individual (45 CFR 164.522(a)(2)(i))', () => {
      const decision = decide(restrictionMachine, agreed, 'terminate_by_individual', { form: 'written' }, context());
      expect(decision).toMatchObject({
        ok: true,
        to: 'terminated',
        changes: {
          decision: { terminatedOn: '2026-01-15', terminatedBy: 'individual', terminationForm: 'written', terminationDocumentedBy: null },
        },
      });
    });

    it('refuses an oral termination that is not documented (45 CFR 164.522(a)(2)(ii))', () => {
      expect(refusalCode(decide(restrictionMachine, agreed, 'terminate_by_individual', { form: 'oral' }, context()))).toBe(
        'ORAL_TERMINATION_NOT_DOCUMENTED',
      );
    });

    it('accepts an oral termination with its documentation (45 CFR 164.522(a)(2)(ii))', () => {
      const decision = decide(
        restrictionMachine,
        agreed,
        'terminate_by_individual',
        { form: 'oral', documentedBy: 'Phone call note' },
        context(),
      );
      expect(decision).toMatchObject({
        ok: true,
        to: 'terminated',
        changes: { decision: { terminationForm: 'oral', terminationDocumentedBy: 'Phone call note' } },
      });
    });

    it('makes a clinic termination effective only for PHI created or received after notice (45 CFR 164.522(a)(2)(iii))', () => {
      const decision = decide(restrictionMachine, agreed, 'terminate_by_clinic', { noticeOn: '2026-01-14' }, context());
      expect(decision).toMatchObject({
        ok: true,
        to: 'terminated',
        changes: { decision: { terminatedBy: 'clinic', noticeOn: '2026-01-14', effectiveForPhiCreatedAfter: '2026-01-14' } },
        effects: [{ kind: 'letter', template: 'restriction_terminated' }],
      });
    });

    it('refuses a clinic termination dated after today: the individual must have been told (45 CFR 164.522(a)(2)(iii))', () => {
      expect(refusalCode(decide(restrictionMachine, agreed, 'terminate_by_clinic', { noticeOn: '2026-01-16' }, context()))).toBe(
        'NOTICE_NOT_YET_GIVEN',
      );
    });

    it('refuses a clinic notice dated before the agreement (45 CFR 164.522(a)(2)(iii))', () => {
      expect(refusalCode(decide(restrictionMachine, agreed, 'terminate_by_clinic', { noticeOn: '2026-01-10' }, context()))).toBe(
        'NOTICE_BEFORE_AGREEMENT',
      );
    });

    it('refuses a staff withdrawal of an agreed restriction: the form must be recorded (45 CFR 164.522(a)(2)(i)-(ii))', () => {
      expect(refusalCode(decide(restrictionMachine, agreed, 'withdraw', {}, context()))).toBe('TERMINATION_FORM_REQUIRED');
    });

    it('treats the patient’s portal withdrawal of an agreed restriction as a written termination (45 CFR 164.522(a)(2)(i))', () => {
      const decision = decide(restrictionMachine, agreed, 'withdraw', {}, context(requester));
      expect(decision).toMatchObject({
        ok: true,
        to: 'withdrawn',
        changes: {
          decision: { withdrawnOn: '2026-01-15', terminatedBy: 'individual', terminationForm: 'written', terminationVia: 'portal' },
        },
      });
    });

    it('lets staff withdraw a request that has not been agreed yet', () => {
      expect(decide(restrictionMachine, request(), 'withdraw', {}, context())).toMatchObject({ ok: true, to: 'withdrawn' });
    });
  });

  describe('emergency treatment (45 CFR 164.522(a)(1)(iii)-(iv))', () => {
    const agreed = request({
      status: 'agreed',
      decision: { emergencyUses: [{ recordedOn: '2026-01-12', treatingProvider: 'A', redisclosureRequestMade: true }] },
    });

    it('logs an emergency use with the treating provider and keeps the restriction in force (45 CFR 164.522(a)(1)(iii))', () => {
      const decision = decideOk(
        restrictionMachine,
        agreed,
        'record_emergency_use',
        { treatingProvider: 'County ER', redisclosureRequestMade: true },
        context(),
      );
      expect(decision).toMatchObject({ ok: true, to: 'agreed', closes: false });
      expect(decision.changes.decision?.emergencyUses).toEqual([
        { recordedOn: '2026-01-12', treatingProvider: 'A', redisclosureRequestMade: true },
        { recordedOn: '2026-01-15', recordedBy: 'u-po', treatingProvider: 'County ER', redisclosureRequestMade: true },
      ]);
    });

    it('refuses to log it unless the provider was asked not to redisclose (45 CFR 164.522(a)(1)(iv))', () => {
      const decision = decide(
        restrictionMachine,
        agreed,
        'record_emergency_use',
        { treatingProvider: 'County ER', redisclosureRequestMade: false },
        context(),
      );
      expect(refusalCode(decision)).toBe('REDISCLOSURE_REQUEST_REQUIRED');
    });
  });

  describe('refusals common to every machine', () => {
    it('refuses an action not allowed in the state', () => {
      expect(refusalCode(decide(restrictionMachine, request(), 'terminate_by_clinic', { noticeOn: '2026-01-14' }, context()))).toBe(
        'NOT_ALLOWED_IN_STATE',
      );
      expect(refusalCode(decide(restrictionMachine, request({ status: 'declined' }), 'agree', {}, context()))).toBe('NOT_ALLOWED_IN_STATE');
      expect(refusalCode(decide(restrictionMachine, request({ status: 'terminated' }), 'withdraw', {}, context(requester)))).toBe(
        'NOT_ALLOWED_IN_STATE',
      );
    });

    it('refuses a wrong performer', () => {
      expect(refusalCode(decide(restrictionMachine, request(), 'agree', {}, context(requester)))).toBe('NOT_YOUR_ACTION');
      const reviewer = staff('u-rev', ['reviewer']);
      expect(
        refusalCode(
          decide(restrictionMachine, request({ status: 'agreed' }), 'terminate_by_individual', { form: 'written' }, context(reviewer)),
        ),
      ).toBe('NOT_YOUR_ACTION');
    });

    it('refuses bad input: an unknown field, a missing field, a value outside the enum', () => {
      const agreed = request({ status: 'agreed' });
      expect(refusalCode(decide(restrictionMachine, request(), 'agree', { reason: 'x' }, context()))).toBe('INVALID_INPUT');
      expect(refusalCode(decide(restrictionMachine, agreed, 'terminate_by_clinic', {}, context()))).toBe('INVALID_INPUT');
      expect(refusalCode(decide(restrictionMachine, agreed, 'terminate_by_individual', { form: 'email' }, context()))).toBe(
        'INVALID_INPUT',
      );
      expect(refusalCode(decide(restrictionMachine, agreed, 'record_emergency_use', { treatingProvider: 'ER' }, context()))).toBe(
        'INVALID_INPUT',
      );
    });
  });

  describe('intake details schema (45 CFR 164.522(a)(1)(i), (vi))', () => {
    it('accepts an ordinary and a self-pay request', () => {
      expect(validateInput(RESTRICTION_DETAILS_SCHEMA, ordinaryDetails)).toEqual([]);
      expect(validateInput(RESTRICTION_DETAILS_SCHEMA, { ...selfPayDetails, requiredByLaw: false, reason: 'Private' })).toEqual([]);
    });

    it('requires the scope and purpose, and only the four purposes of 45 CFR 164.522(a)(1)(i)', () => {
      expect(validateInput(RESTRICTION_DETAILS_SCHEMA, { purpose: 'payment' }).map((error) => error.field)).toEqual(['scope']);
      expect(validateInput(RESTRICTION_DETAILS_SCHEMA, { scope: 'x' }).map((error) => error.field)).toEqual(['purpose']);
      expect(validateInput(RESTRICTION_DETAILS_SCHEMA, { scope: 'x', purpose: 'marketing' }).map((error) => error.field)).toEqual([
        'purpose',
      ]);
    });

    it('requires the paid-in-full confirmation and the items inside selfPay (45 CFR 164.522(a)(1)(vi)(B))', () => {
      const fields = validateInput(RESTRICTION_DETAILS_SCHEMA, { ...ordinaryDetails, selfPay: { paidOn: '2026-01-05' } }).map(
        (error) => error.field,
      );
      expect(fields).toEqual(['selfPay.paidInFull', 'selfPay.items']);
    });
  });
});
