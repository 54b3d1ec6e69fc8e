import { decide } from '../decide.js';
import { validateInput } from '../input-schema.js';
import type { ActionContext, Actor, RequestFacts } from '../machine.js';
import { actionContext, patient, refusalCode, requestFacts, staff, transitionsOf } from '../testing/machine-fixtures.js';
import { validateMachine } from '../validate-machine.js';
import {
  CONFIDENTIAL_COMMUNICATION_DECLINE_REASONS,
  CONFIDENTIAL_COMMUNICATION_DETAILS_SCHEMA,
  confidentialCommunicationMachine,
} from './confidential-communication.machine.js';

const request = (overrides: Partial<RequestFacts> = {}): RequestFacts => requestFacts('confidential_communication', overrides);

const requester = patient('REQ-1');
const context = (actor: Actor = staff()): ActionContext => actionContext({ actor });

const validInput: Record<string, Record<string, unknown>> = {
  verify_identity: { method: 'portal_account' },
  withdraw: {},
  accommodate: { alternativeContactMethod: 'Mobile phone only' },
  decline_unreasonable: { reasonCode: 'not_reasonable_to_accommodate', explanation: 'We cannot send mail abroad.' },
};

const plan = { organisationKind: 'health_plan' };

describe('confidential communications machine (45 CFR 164.522(b), hipaa-rights.md §4)', () => {
  it('is a valid machine table', () => {
    expect(validateMachine(confidentialCommunicationMachine)).toEqual([]);
  });

  it('keeps an accommodation in force until withdrawn (45 CFR 164.522(b)(1), 164.530(j)(2))', () => {
    expect(confidentialCommunicationMachine.states.accommodated).toMatchObject({ inForce: true, clock: 'stopped' });
    expect(confidentialCommunicationMachine.states.declined).toMatchObject({ terminal: true, clock: 'stopped' });
  });

  describe('every transition of the table', () => {
    it.each(transitionsOf(confidentialCommunicationMachine))('%s --%s--> %s', (from, action, to) => {
      const decision = decide(confidentialCommunicationMachine, request({ status: from }), action, validInput[action], context());
      expect(decision).toMatchObject({ ok: true, from, to, action });
    });
  });

  describe('accommodating (45 CFR 164.522(b)(1)-(2))', () => {
    it('records the alternative and payment handling and sends the letter (45 CFR 164.522(b)(2)(ii))', () => {
      const input = { alternativeAddress: 'PO Box 1', paymentHandling: 'Bills to the PO box' };
      const decision = decide(confidentialCommunicationMachine, request(), 'accommodate', input, context());
      expect(decision).toMatchObject({
        ok: true,
        to: 'accommodated',
        closes: true,
        changes: {
          decision: {
            accommodatedOn: '2026-01-15',
            accommodatedBy: 'u-po',
            organisationKind: 'provider',
            alternativeAddress: 'PO Box 1',
            alternativeContactMethod: null,
            paymentHandling: 'Bills to the PO box',
          },
        },
        effects: [{ kind: 'letter', template: 'confidential_communication_accommodated' }],
      });
    });

    it('refuses to accommodate without an alternative address or contact method (45 CFR 164.522(b)(2)(ii))', () => {
      const decision = decide(confidentialCommunicationMachine, request(), 'accommodate', { paymentHandling: 'x' }, context());
      expect(refusalCode(decision)).toBe('ALTERNATIVE_REQUIRED');
      expect(decision).toMatchObject({ citation: '45 CFR 164.522(b)(2)(ii)' });
    });

    it('lets the individual end an accommodation from the portal (45 CFR 164.522(b))', () => {
      const decision = decide(confidentialCommunicationMachine, request({ status: 'accommodated' }), 'withdraw', {}, context(requester));
      expect(decision).toMatchObject({
        ok: true,
        to: 'withdrawn',
        changes: { decision: { withdrawnOn: '2026-01-15', withdrawnBy: 'patient' } },
      });
    });
  });

  describe('declining (45 CFR 164.522(b)(1)-(2))', () => {
    it('has no "no reason given" decline: a provider may not require an explanation (45 CFR 164.522(b)(2)(iii))', () => {
      expect(CONFIDENTIAL_COMMUNICATION_DECLINE_REASONS).not.toContain('no_reason_given');
      for (const reasonCode of ['no_reason_given', 'no_reason', 'reason_not_given']) {
        const decision = decide(
          confidentialCommunicationMachine,
          request(),
          'decline_unreasonable',
          { reasonCode, explanation: 'x' },
          context(),
        );
        expect(refusalCode(decision)).toBe('INVALID_INPUT');
      }
    });

    it('asks for no reason at intake (45 CFR 164.522(b)(2)(iii))', () => {
      expect(Object.keys(CONFIDENTIAL_COMMUNICATION_DETAILS_SCHEMA)).not.toContain('reason');
      expect(Object.values(CONFIDENTIAL_COMMUNICATION_DETAILS_SCHEMA).some((field) => field.required)).toBe(false);
      expect(validateInput(CONFIDENTIAL_COMMUNICATION_DETAILS_SCHEMA, {})).toEqual([]);
    });

    it('refuses a provider’s decline for lack of an endangerment statement (45 CFR 164.522(b)(1)(ii))', () => {
      const input = { reasonCode: 'no_endangerment_statement', explanation: 'x' };
      expect(refusalCode(decide(confidentialCommunicationMachine, request(), 'decline_unreasonable', input, context()))).toBe(
        'ENDANGERMENT_STATEMENT_ONLY_FOR_PLANS',
      );
      const provider = request({ details: { organisationKind: 'provider' } });
      expect(refusalCode(decide(confidentialCommunicationMachine, provider, 'decline_unreasonable', input, context()))).toBe(
        'ENDANGERMENT_STATEMENT_ONLY_FOR_PLANS',
      );
    });

    it('lets a health plan decline when no endangerment statement was given (45 CFR 164.522(b)(1)(ii), (b)(2)(iv))', () => {
      const input = { reasonCode: 'no_endangerment_statement', explanation: 'Please tell us disclosure could endanger you.' };
      const decision = decide(confidentialCommunicationMachine, request({ details: plan }), 'decline_unreasonable', input, context());
      expect(decision).toMatchObject({
        ok: true,
        to: 'declined',
        closes: true,
        changes: { decision: { declinedOn: '2026-01-15', organisationKind: 'health_plan', reasonCode: 'no_endangerment_statement' } },
        effects: [{ kind: 'letter', template: 'confidential_communication_declined' }],
      });
    });

    it('refuses a plan’s decline for lack of an endangerment statement the request contains (45 CFR 164.522(b)(1)(ii))', () => {
      const input = { reasonCode: 'no_endangerment_statement', explanation: 'x' };
      const stated = request({ details: { ...plan, endangermentStatement: true } });
      expect(refusalCode(decide(confidentialCommunicationMachine, stated, 'decline_unreasonable', input, context()))).toBe(
        'ENDANGERMENT_STATEMENT_GIVEN',
      );
    });

    it('refuses a decline for lack of an alternative the request names (45 CFR 164.522(b)(2)(ii))', () => {
      const input = { reasonCode: 'no_alternative_given', explanation: 'x' };
      const named = request({ details: { alternativeAddress: 'PO Box 1' } });
      expect(refusalCode(decide(confidentialCommunicationMachine, named, 'decline_unreasonable', input, context()))).toBe(
        'ALTERNATIVE_WAS_GIVEN',
      );
      const bare = request({ details: { alternativeContactMethod: '   ' } });
      expect(decide(confidentialCommunicationMachine, bare, 'decline_unreasonable', input, context())).toMatchObject({
        ok: true,
        to: 'declined',
      });
    });
  });

  describe('refusals common to every machine', () => {
    it('refuses an action not allowed in the state', () => {
      const accommodated = request({ status: 'accommodated' });
      expect(refusalCode(decide(confidentialCommunicationMachine, accommodated, 'accommodate', validInput.accommodate, context()))).toBe(
        'NOT_ALLOWED_IN_STATE',
      );
      expect(refusalCode(decide(confidentialCommunicationMachine, request({ status: 'declined' }), 'withdraw', {}, context()))).toBe(
        'NOT_ALLOWED_IN_STATE',
      );
    });

    it('refuses a wrong performer', () => {
      expect(
        refusalCode(decide(confidentialCommunicationMachine, request(), 'accommodate', validInput.accommodate, context(requester))),
      ).toBe('NOT_YOUR_ACTION');
    });

    it('refuses bad input: an unknown field, a missing field', () => {
      expect(
        refusalCode(
          decide(confidentialCommunicationMachine, request(), 'accommodate', { alternativeAddress: 'x', reason: 'y' }, context()),
        ),
      ).toBe('INVALID_INPUT');
      expect(
        refusalCode(
          decide(confidentialCommunicationMachine, request(), 'decline_unreasonable', { reasonCode: 'no_alternative_given' }, context()),
        ),
      ).toBe('INVALID_INPUT');
    });
  });

  describe('intake details schema', () => {
    it('accepts the alternative, the statement and the organisation kind (45 CFR 164.522(b)(1)-(2))', () => {
      const details = {
        alternativeAddress: 'PO Box 1',
        alternativeContactMethod: 'Mobile',
        endangermentStatement: true,
        organisationKind: 'health_plan',
      };
      expect(validateInput(CONFIDENTIAL_COMMUNICATION_DETAILS_SCHEMA, details)).toEqual([]);
      expect(
        validateInput(CONFIDENTIAL_COMMUNICATION_DETAILS_SCHEMA, { organisationKind: 'clearinghouse' }).map((error) => error.field),
      ).toEqual(['organisationKind']);
    });
  });
});
