import { decide } from '../decide.js';
import type { ActionContext, Actor, RequestFacts } from '../machine.js';
import { accepted, actionContext, patient, refusalCode, requestFacts, staff, transitionsOf } from '../testing/machine-fixtures.js';
import { validateMachine } from '../validate-machine.js';
import {
  COMMUNICATION_OPT_OUT_DETAILS_SCHEMA,
  COMMUNICATION_OPT_OUT_KINDS,
  communicationOptOutDetailsProblems,
  communicationOptOutMachine,
} from './communication-opt-out.machine.js';

const request = (overrides: Partial<RequestFacts> = {}): RequestFacts =>
  requestFacts('communication_opt_out', { details: { kind: 'fundraising_opt_out' }, ...overrides });

const requester = patient('REQ-1');
const context = (actor: Actor = staff()): ActionContext => actionContext({ actor });

const validInput: Record<string, Record<string, unknown>> = {
  verify_identity: { method: 'known_to_staff' },
  withdraw: {},
  apply: { note: 'Removed from campaign list' },
};

describe('objections and opt-outs machine (45 CFR 164.510(a)-(b), 164.514(f), hipaa-rights.md §10)', () => {
  it('is a valid machine table', () => {
    expect(validateMachine(communicationOptOutMachine)).toEqual([]);
  });

  it('has no decline action: an objection or opt-out must be honored (45 CFR 164.510(a)(1)(ii), (b)(2); 164.514(f)(2)(iv))', () => {
    const actions = Object.keys(communicationOptOutMachine.actions);
    expect(actions.some((action) => action.includes('decline') || action.includes('deny') || action.includes('refuse'))).toBe(false);
    expect(Object.values(communicationOptOutMachine.transitions).flatMap((row) => Object.values(row ?? {}))).not.toContain('declined');
  });

  it('keeps an applied choice in force until lifted (45 CFR 164.530(j)(2))', () => {
    expect(communicationOptOutMachine.states.applied).toMatchObject({ inForce: true, clock: 'stopped' });
    expect(communicationOptOutMachine.states.received.clock).toBe('running');
  });

  describe('every transition of the table', () => {
    it.each(transitionsOf(communicationOptOutMachine))('%s --%s--> %s', (from, action, to) => {
      const decision = decide(communicationOptOutMachine, request({ status: from }), action, validInput[action], context());
      expect(decision).toMatchObject({ ok: true, from, to, action });
    });
  });

  describe('applying the choice', () => {
    it('applies a fundraising opt-out at once, for all future campaigns (45 CFR 164.514(f)(2)(iv))', () => {
      const decision = decide(communicationOptOutMachine, request(), 'apply', {}, context());
      expect(decision).toMatchObject({
        ok: true,
        to: 'applied',
        closes: true,
        changes: {
          decision: {
            kind: 'fundraising_opt_out',
            appliesTo: 'all_future_fundraising_communications',
            requestedOn: '2026-01-10',
            effectiveOn: '2026-01-15',
            appliedBy: 'u-po',
            oral: false,
          },
        },
      });
    });

    it('applies an opt back in to fundraising (45 CFR 164.514(f)(2)(v))', () => {
      const decision = decide(communicationOptOutMachine, request({ details: { kind: 'fundraising_opt_in' } }), 'apply', {}, context());
      expect(decision).toMatchObject({
        ok: true,
        changes: { decision: { appliesTo: 'fundraising_communications', citation: '45 CFR 164.514(f)(2)(v)' } },
      });
    });

    it('applies a full directory opt-out to every directory entry (45 CFR 164.510(a)(2))', () => {
      const decision = decide(communicationOptOutMachine, request({ details: { kind: 'directory_opt_out' } }), 'apply', {}, context());
      expect(decision).toMatchObject({
        ok: true,
        changes: { decision: { directoryFields: ['name', 'location', 'condition', 'religion'] } },
      });
    });

    it('applies a directory restriction to the fields named (45 CFR 164.510(a)(2))', () => {
      const details = { kind: 'directory_restriction', fields: ['religion', 'condition'] };
      const decision = decide(communicationOptOutMachine, request({ details }), 'apply', {}, context());
      expect(decision).toMatchObject({
        ok: true,
        changes: { decision: { appliesTo: 'facility_directory_fields', directoryFields: ['religion', 'condition'] } },
      });
    });

    it('refuses to apply a directory restriction that names no field (45 CFR 164.510(a)(2))', () => {
      for (const details of [{ kind: 'directory_restriction' }, { kind: 'directory_restriction', fields: [] }]) {
        expect(refusalCode(decide(communicationOptOutMachine, request({ details }), 'apply', {}, context()))).toBe(
          'DIRECTORY_FIELDS_REQUIRED',
        );
      }
    });

    it('applies an oral objection to disclosures to a family member, noting that it was oral (45 CFR 164.510(b)(2); 164.510 intro)', () => {
      const details = { kind: 'family_disclosure_objection', person: 'Brother', oral: true };
      const decision = decide(communicationOptOutMachine, request({ details }), 'apply', {}, context());
      expect(decision).toMatchObject({
        ok: true,
        changes: { decision: { appliesTo: 'disclosures_to_persons_involved', oral: true, directoryFields: null } },
      });
      expect(JSON.stringify(accepted(decision).changes)).not.toContain('Brother');
    });

    it('lets the patient lift an applied choice from the portal (45 CFR 164.514(f)(2)(v))', () => {
      const decision = decide(communicationOptOutMachine, request({ status: 'applied' }), 'withdraw', {}, context(requester));
      expect(decision).toMatchObject({
        ok: true,
        to: 'withdrawn',
        changes: { decision: { withdrawnOn: '2026-01-15', withdrawnBy: 'patient' } },
      });
    });
  });

  describe('refusals common to every machine', () => {
    it('refuses an action not allowed in the state', () => {
      expect(refusalCode(decide(communicationOptOutMachine, request({ status: 'applied' }), 'apply', {}, context()))).toBe(
        'NOT_ALLOWED_IN_STATE',
      );
      expect(refusalCode(decide(communicationOptOutMachine, request({ status: 'withdrawn' }), 'withdraw', {}, context()))).toBe(
        'NOT_ALLOWED_IN_STATE',
      );
    });

    it('refuses a wrong performer', () => {
      expect(refusalCode(decide(communicationOptOutMachine, request(), 'apply', {}, context(requester)))).toBe('NOT_YOUR_ACTION');
    });

    it('refuses bad input: an unknown field, a missing field', () => {
      expect(refusalCode(decide(communicationOptOutMachine, request(), 'apply', { effectiveOn: '2026-01-01' }, context()))).toBe(
        'INVALID_INPUT',
      );
      expect(refusalCode(decide(communicationOptOutMachine, request(), 'verify_identity', {}, context()))).toBe('INVALID_INPUT');
    });
  });

  describe('intake details (45 CFR 164.510(a)-(b), 164.514(f))', () => {
    it('accepts each kind with its own fields', () => {
      expect(COMMUNICATION_OPT_OUT_DETAILS_SCHEMA.kind).toMatchObject({
        type: 'enum',
        values: COMMUNICATION_OPT_OUT_KINDS,
        required: true,
      });
      expect(communicationOptOutDetailsProblems({ kind: 'directory_opt_out' })).toEqual([]);
      expect(communicationOptOutDetailsProblems({ kind: 'directory_restriction', fields: ['religion'] })).toEqual([]);
      expect(communicationOptOutDetailsProblems({ kind: 'family_disclosure_objection', person: 'Aunt', oral: true })).toEqual([]);
      expect(communicationOptOutDetailsProblems({ kind: 'family_disclosure_objection' })).toEqual([]);
      expect(communicationOptOutDetailsProblems({ kind: 'fundraising_opt_out', oral: false })).toEqual([]);
    });

    it('requires the kind and only the four directory fields of 45 CFR 164.510(a)(1)(i)', () => {
      expect(communicationOptOutDetailsProblems({}).map((error) => error.field)).toEqual(['kind']);
      expect(
        communicationOptOutDetailsProblems({ kind: 'directory_restriction', fields: ['diagnosis'] }).map((error) => error.field),
      ).toEqual(['fields']);
    });

    it('requires fields for a directory restriction, and fields or person only with their kind (45 CFR 164.510(a)(2), (b)(2))', () => {
      expect(communicationOptOutDetailsProblems({ kind: 'directory_restriction' }).map((error) => error.field)).toEqual(['fields']);
      expect(communicationOptOutDetailsProblems({ kind: 'fundraising_opt_out', fields: ['name'] }).map((error) => error.field)).toEqual([
        'fields',
      ]);
      expect(communicationOptOutDetailsProblems({ kind: 'directory_opt_out', person: 'Aunt' }).map((error) => error.field)).toEqual([
        'person',
      ]);
    });
  });
});
