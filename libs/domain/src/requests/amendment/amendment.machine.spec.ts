import { validateInput } from '../input-schema.js';
import { decide } from '../decide.js';
import type { RequestFacts } from '../machine.js';
import {
  accepted,
  actionContext,
  machineRunner,
  openStates,
  patient,
  refusalCode,
  requestFacts,
  transitionsFrom,
  transitionsOf,
  type ValidAction,
} from '../testing/machine-fixtures.js';
import { validateMachine } from '../validate-machine.js';
import { AMENDMENT_DENIAL_GROUNDS, AMENDMENT_DETAILS_SCHEMA, amendmentMachine } from './amendment.machine.js';

const details = {
  recordDescription: 'Allergy list, visit of 2025-11-02',
  requestedChange: 'Remove penicillin allergy',
  reason: 'Tested negative',
};

const request = (overrides: Partial<RequestFacts> = {}): RequestFacts => requestFacts('amendment', { details, ...overrides });

const staffContext = actionContext();
const asPatient = actionContext({ actor: patient('req-1') });

const verified = { verified: true, method: 'portal_account', verifiedBy: 'u-po', verifiedOn: '2026-01-12' };
const persons = [
  { name: 'Dr. Lee, Allergy Clinic', kind: 'named_by_individual' },
  { name: 'Acme Billing', kind: 'business_associate' },
];
const partialDecision = { partial: true, grounds: ['accurate_and_complete'], personsToNotify: persons };

/** Valid input per action, and the facts a request needs for the action to pass its guards. */
const valid: Record<string, ValidAction> = {
  verify_identity: { input: { method: 'photo_id_in_person' } },
  withdraw: { input: { note: 'Phone call' } },
  extend: { input: { reasons: 'Originating clinician on leave', newDueOn: '2026-04-10' } },
  accept: { input: { recordsAffected: 'Allergy list', personsToNotify: persons }, facts: () => ({ identity: verified }) },
  deny: { input: { grounds: ['accurate_and_complete'], basis: 'The allergy was confirmed by a test on file.' } },
  deny_in_part: {
    input: {
      grounds: ['accurate_and_complete'],
      basis: 'The reaction itself is documented.',
      acceptedPart: 'A note that the later test was negative',
      recordsAffected: 'Allergy list',
      personsToNotify: persons,
    },
    facts: () => ({ identity: verified }),
  },
  complete_notifications: {
    input: { amendmentLinked: true, persons: persons.map((person) => ({ ...person, outcome: 'sent' })) },
    facts: (state) => (state === 'accepted' ? { decision: { personsToNotify: persons } } : { decision: partialDecision }),
  },
  file_disagreement: { input: { statement: 'I was tested in 2025 and am not allergic.' } },
  close_without_disagreement: { input: { includeWithFutureDisclosures: true } },
  prepare_rebuttal: { input: { rebuttal: 'The reaction in 2019 was documented by the treating physician.' } },
  close_without_rebuttal: { input: {} },
  send_rebuttal_copy: { input: { sentVia: 'mail' } },
};

const run = machineRunner(amendmentMachine, request, valid, staffContext);

describe('amendment machine (45 CFR 164.526)', () => {
  it('is a valid machine table', () => {
    expect(validateMachine(amendmentMachine)).toEqual([]);
  });

  it('has a valid input for every action', () => {
    expect(Object.keys(valid).sort()).toEqual(Object.keys(amendmentMachine.actions).sort());
  });

  const table = transitionsOf(amendmentMachine).map(
    ([from, action, to]) => [from, action, to, amendmentMachine.actions[action].citation ?? '45 CFR 164.526'] as const,
  );
  it.each(table)('%s --%s--> %s (%s)', (from, action, to) => {
    const decision = run(from, action);
    expect(decision).toMatchObject({ ok: true, from, to, action });
  });

  it('lists verify_identity and withdraw in every open state', () => {
    for (const state of openStates(amendmentMachine)) {
      expect(transitionsFrom(amendmentMachine, state)).toMatchObject({ verify_identity: state, withdraw: 'withdrawn' });
    }
  });

  describe('generic refusals', () => {
    it('refuses an action not allowed in the state (NOT_ALLOWED_IN_STATE)', () => {
      expect(refusalCode(run('received', 'file_disagreement'))).toBe('NOT_ALLOWED_IN_STATE');
      expect(refusalCode(run('amended', 'withdraw'))).toBe('NOT_ALLOWED_IN_STATE');
    });

    it('refuses an unknown action (UNKNOWN_ACTION)', () => {
      expect(refusalCode(decide(amendmentMachine, request(), 'grant', {}, staffContext))).toBe('UNKNOWN_ACTION');
    });

    it('refuses a patient deciding the request (NOT_YOUR_ACTION)', () => {
      expect(refusalCode(run('received', 'accept', { context: asPatient }))).toBe('NOT_YOUR_ACTION');
      expect(refusalCode(run('disagreement_filed', 'prepare_rebuttal', { context: asPatient }))).toBe('NOT_YOUR_ACTION');
    });

    it('refuses an unknown input field and a missing one (INVALID_INPUT)', () => {
      expect(refusalCode(run('received', 'deny', { input: { ...valid.deny.input, patientName: 'x' } }))).toBe('INVALID_INPUT');
      expect(refusalCode(run('received', 'deny', { input: { grounds: ['accurate_and_complete'] } }))).toBe('INVALID_INPUT');
    });

    it('refuses a denial ground outside 164.526(a)(2) (45 CFR 164.526(a)(2))', () => {
      expect(refusalCode(run('received', 'deny', { input: { grounds: ['psychotherapy_notes'], basis: 'x' } }))).toBe('INVALID_INPUT');
      expect(refusalCode(run('received', 'deny', { input: { grounds: [], basis: 'x' } }))).toBe('INVALID_INPUT');
      expect(AMENDMENT_DENIAL_GROUNDS).toEqual([
        'not_created_here',
        'not_in_designated_record_set',
        'not_available_for_inspection',
        'accurate_and_complete',
      ]);
    });
  });

  describe('deadline (45 CFR 164.526(b)(2))', () => {
    it('runs the clock while received and stops it with the written acceptance (45 CFR 164.526(b)(2)(i)(A))', () => {
      expect(amendmentMachine.states.received.clock).toBe('running');
      expect(run('received', 'accept')).toMatchObject({ ok: true, closes: true });
    });

    it('stops the clock with the written denial (45 CFR 164.526(b)(2)(i)(B))', () => {
      expect(run('received', 'deny')).toMatchObject({ ok: true, closes: true });
      expect(run('received', 'deny_in_part')).toMatchObject({ ok: true, closes: true });
    });

    it('allows one extension only, with a written notice (45 CFR 164.526(b)(2)(ii))', () => {
      const decision = run('received', 'extend');
      expect(decision).toMatchObject({ ok: true, changes: { dueOn: '2026-04-10', extended: true } });
      expect(accepted(decision).effects).toContainEqual({
        kind: 'letter',
        template: 'extension_notice',
        citation: '45 CFR 164.526(b)(2)(ii)',
      });
      expect(refusalCode(run('received', 'extend', { facts: { extended: true } }))).toBe('EXTENSION_ALREADY_USED');
    });

    it('refuses an extension beyond 30 days (45 CFR 164.526(b)(2)(ii))', () => {
      expect(refusalCode(run('received', 'extend', { input: { reasons: 'x', newDueOn: '2026-04-11' } }))).toBe('EXTENSION_BEYOND_MAXIMUM');
    });

    it('does not extend once the request has been answered (45 CFR 164.526(b)(2)(ii))', () => {
      expect(refusalCode(run('denied', 'extend'))).toBe('NOT_ALLOWED_IN_STATE');
    });
  });

  describe('acceptance (45 CFR 164.526(c))', () => {
    it('refuses to accept before identity and authority are verified (45 CFR 164.514(h)(1))', () => {
      expect(refusalCode(run('received', 'accept', { facts: { identity: { verified: false } } }))).toBe('IDENTITY_NOT_VERIFIED');
    });

    it('records the affected records and persons to notify, and sends the acceptance letter (45 CFR 164.526(c)(1)-(2))', () => {
      const decision = run('received', 'accept');
      expect(decision).toMatchObject({
        ok: true,
        changes: {
          decision: {
            acceptedOn: '2026-01-15',
            acceptedBy: 'u-po',
            partial: false,
            recordsAffected: 'Allergy list',
            personsToNotify: persons,
          },
        },
        effects: [{ kind: 'letter', template: 'amendment_acceptance', citation: '45 CFR 164.526(c)(2)' }],
      });
    });

    it('accepts an empty list of persons to notify (45 CFR 164.526(c)(2))', () => {
      expect(run('received', 'accept', { input: { recordsAffected: 'Allergy list', personsToNotify: [] } })).toMatchObject({ ok: true });
    });

    it('refuses a person of an unknown kind (45 CFR 164.526(c)(3))', () => {
      const input = { recordsAffected: 'Allergy list', personsToNotify: [{ name: 'Someone', kind: 'neighbour' }] };
      expect(refusalCode(run('received', 'accept', { input }))).toBe('INVALID_INPUT');
    });

    it('refuses to complete until the amendment is linked to the records (45 CFR 164.526(c)(1))', () => {
      const input = { ...valid.complete_notifications.input, amendmentLinked: false };
      expect(refusalCode(run('accepted', 'complete_notifications', { input }))).toBe('AMENDMENT_NOT_LINKED');
    });

    it('refuses to complete while a person identified at acceptance has no outcome (45 CFR 164.526(c)(3))', () => {
      const input = { amendmentLinked: true, persons: [{ name: 'Acme Billing', kind: 'business_associate', outcome: 'sent' }] };
      expect(refusalCode(run('accepted', 'complete_notifications', { input }))).toBe('PERSON_NOT_NOTIFIED');
    });

    it('records a reasonable effort that failed as an outcome, and extra persons found later (45 CFR 164.526(c)(3))', () => {
      const input = {
        amendmentLinked: true,
        persons: [
          { name: ' dr. lee, allergy clinic ', kind: 'named_by_individual', outcome: 'failed_after_reasonable_effort' },
          { name: 'Acme Billing', kind: 'business_associate', outcome: 'sent' },
          { name: 'Lab Partners', kind: 'known_holder', outcome: 'sent' },
        ],
      };
      expect(run('accepted', 'complete_notifications', { input })).toMatchObject({
        ok: true,
        to: 'amended',
        changes: { decision: { notificationsCompletedOn: '2026-01-15', amendmentLinkedOn: '2026-01-15', notifications: input.persons } },
      });
    });

    it('refuses an unknown notification outcome (45 CFR 164.526(c)(3))', () => {
      const input = { amendmentLinked: true, persons: [{ name: 'Acme Billing', kind: 'business_associate', outcome: 'pending' }] };
      expect(refusalCode(run('accepted', 'complete_notifications', { input }))).toBe('INVALID_INPUT');
    });
  });

  describe('denial (45 CFR 164.526(a)(2), (d)(1))', () => {
    it('records the grounds and basis and sends the denial letter (45 CFR 164.526(d)(1))', () => {
      expect(run('received', 'deny')).toMatchObject({
        ok: true,
        changes: { decision: { grounds: ['accurate_and_complete'], deniedOn: '2026-01-15', deniedBy: 'u-po', partial: false } },
        effects: [{ kind: 'letter', template: 'amendment_denial', citation: '45 CFR 164.526(d)(1)' }],
      });
    });

    it('denies without identity verification: nothing in the record changes (45 CFR 164.526(d)(1))', () => {
      expect(run('received', 'deny', { facts: { identity: { verified: false } } })).toMatchObject({ ok: true });
    });

    it('treats a partial acceptance as a denial with partial: true and the accepted part (45 CFR 164.526(c), (d)(1))', () => {
      expect(run('received', 'deny_in_part')).toMatchObject({
        ok: true,
        to: 'denied',
        changes: { decision: { partial: true, acceptedPart: 'A note that the later test was negative', personsToNotify: persons } },
        effects: [{ kind: 'letter', template: 'amendment_denial', citation: '45 CFR 164.526(d)(1)' }],
      });
    });

    it('refuses a partial acceptance before identity and authority are verified (45 CFR 164.514(h)(1))', () => {
      expect(refusalCode(run('received', 'deny_in_part', { facts: { identity: { verified: false } } }))).toBe('IDENTITY_NOT_VERIFIED');
    });

    it('refuses to record notifications after a full denial: nothing was accepted (45 CFR 164.526(c))', () => {
      expect(refusalCode(run('denied', 'complete_notifications', { facts: { decision: { partial: false } } }))).toBe('NOTHING_ACCEPTED');
      expect(refusalCode(run('disagreement_filed', 'complete_notifications', { facts: { decision: {} } }))).toBe('NOTHING_ACCEPTED');
    });

    it('records the partial notifications once only (45 CFR 164.526(c)(3))', () => {
      const decision = { ...partialDecision, notificationsCompletedOn: '2026-01-14' };
      expect(refusalCode(run('denied', 'complete_notifications', { facts: { decision } }))).toBe('NOTIFICATIONS_ALREADY_RECORDED');
    });

    it('does not close a partial acceptance until the accepted part was shared (45 CFR 164.526(c)(3))', () => {
      const facts = { decision: partialDecision };
      expect(refusalCode(run('denied', 'close_without_disagreement', { facts }))).toBe('NOTIFICATIONS_PENDING');
      expect(refusalCode(run('disagreement_filed', 'close_without_rebuttal', { facts }))).toBe('NOTIFICATIONS_PENDING');
      expect(refusalCode(run('disagreement_filed', 'prepare_rebuttal', { facts }))).toBe('NOTIFICATIONS_PENDING');
      const done = { decision: { ...partialDecision, notificationsCompletedOn: '2026-01-14' } };
      expect(run('denied', 'close_without_disagreement', { facts: done })).toMatchObject({ ok: true, to: 'closed_no_disagreement' });
    });
  });

  describe('disagreement and rebuttal (45 CFR 164.526(d)(2)-(5))', () => {
    it('lets the patient file a statement of disagreement through the portal (45 CFR 164.526(d)(2))', () => {
      expect(run('denied', 'file_disagreement', { context: asPatient })).toMatchObject({
        ok: true,
        to: 'disagreement_filed',
        changes: { decision: { disagreementFiledOn: '2026-01-15', disagreementFiledBy: 'patient' } },
      });
    });

    it('limits the length of a statement of disagreement to 4000 characters (45 CFR 164.526(d)(2))', () => {
      expect(run('denied', 'file_disagreement', { input: { statement: 'x'.repeat(4000) } })).toMatchObject({ ok: true });
      expect(refusalCode(run('denied', 'file_disagreement', { input: { statement: 'x'.repeat(4001) } }))).toBe('INVALID_INPUT');
    });

    it('records whether the request and denial go with future disclosures when no disagreement is filed (45 CFR 164.526(d)(1)(iii))', () => {
      expect(
        run('denied', 'close_without_disagreement', { context: asPatient, input: { includeWithFutureDisclosures: false } }),
      ).toMatchObject({
        ok: true,
        changes: { decision: { includeWithFutureDisclosures: false, closedOn: '2026-01-15' } },
      });
      expect(refusalCode(run('denied', 'close_without_disagreement', { input: {} }))).toBe('INVALID_INPUT');
    });

    it('does not close a prepared rebuttal until a copy went to the individual (45 CFR 164.526(d)(3))', () => {
      expect(Object.keys(amendmentMachine.transitions.rebuttal_prepared)).toEqual(['verify_identity', 'withdraw', 'send_rebuttal_copy']);
      expect(refusalCode(run('rebuttal_prepared', 'close_without_rebuttal'))).toBe('NOT_ALLOWED_IN_STATE');
      expect(run('rebuttal_prepared', 'send_rebuttal_copy')).toMatchObject({
        ok: true,
        to: 'closed_with_rebuttal',
        effects: [{ kind: 'letter', template: 'rebuttal', citation: '45 CFR 164.526(d)(3)' }],
      });
    });

    it('does not let the patient write the rebuttal or send it (45 CFR 164.526(d)(3))', () => {
      expect(refusalCode(run('rebuttal_prepared', 'send_rebuttal_copy', { context: asPatient }))).toBe('NOT_YOUR_ACTION');
    });

    it('keeps the clock stopped after the written answer (45 CFR 164.526(b)(2)(i))', () => {
      expect(run('denied', 'file_disagreement')).toMatchObject({ ok: true, closes: false });
      expect(run('rebuttal_prepared', 'send_rebuttal_copy')).toMatchObject({ ok: true, closes: false });
      expect(run('accepted', 'complete_notifications')).toMatchObject({ ok: true, closes: false });
    });
  });

  describe('intake details', () => {
    it('requires what to amend and the change, and keeps the reason optional (45 CFR 164.526(b)(1))', () => {
      expect(validateInput(AMENDMENT_DETAILS_SCHEMA, details)).toEqual([]);
      expect(validateInput(AMENDMENT_DETAILS_SCHEMA, { recordDescription: 'x', requestedChange: 'y' })).toEqual([]);
      expect(validateInput(AMENDMENT_DETAILS_SCHEMA, { recordDescription: 'x' }).map((error) => error.field)).toEqual(['requestedChange']);
      expect(validateInput(AMENDMENT_DETAILS_SCHEMA, { ...details, ssn: '1' }).map((error) => error.field)).toEqual(['ssn']);
    });
  });

  it('gives every state staff and patient wording', () => {
    for (const state of Object.values(amendmentMachine.states)) {
      expect(state.title.length).toBeGreaterThan(0);
      expect(state.plain.length).toBeGreaterThan(0);
    }
  });
});
