import { validateInput } from '../input-schema.js';
import { decide } from '../decide.js';
import type { RequestFacts } from '../machine.js';
import { actionContext, patient, refusalCode, requestFacts, transitionsOf } from '../testing/machine-fixtures.js';
import { validateMachine } from '../validate-machine.js';
import { AUTHORIZATION_REVOCATION_DETAILS_SCHEMA, authorizationRevocationMachine as machine } from './authorization-revocation.machine.js';

const request = (overrides: Partial<RequestFacts> = {}): RequestFacts =>
  requestFacts('authorization_revocation', { details: { form: 'written' }, ...overrides });

const oral = { form: 'oral' };

const requester = patient();

const confirmation = {
  authorizationReference: 'AUTH-2025-118',
  disclosuresInReliance: [{ description: 'Records sent to the life insurer', madeOn: '2026-01-09' }],
};

/** A valid input, and the intake details that let the action's guards pass. */
const valid: Record<string, { input: Record<string, unknown>; details: Record<string, unknown> }> = {
  verify_identity: { input: { method: 'callback' }, details: oral },
  withdraw: { input: {}, details: oral },
  receive_writing: { input: { receivedOn: '2026-01-13' }, details: oral },
  confirm_effective: { input: confirmation, details: { form: 'written' } },
  close_without_writing: { input: { note: 'asked for it in writing on 2026-01-11' }, details: oral },
};

describe('authorization revocation machine (45 CFR 164.508(b)(5))', () => {
  it('is a valid machine table', () => {
    expect(validateMachine(machine)).toEqual([]);
  });

  it('has a valid input for every action', () => {
    expect(Object.keys(valid).sort()).toEqual(Object.keys(machine.actions).sort());
  });

  it.each(transitionsOf(machine))('%s --%s--> %s', (from, action, to) => {
    const result = decide(machine, request({ status: from, details: valid[action].details }), action, valid[action].input, actionContext());
    expect(result).toMatchObject({ ok: true, from, to, action });
  });

  it('makes a written revocation effective on the day the writing was received (45 CFR 164.508(b)(5))', () => {
    const result = decide(machine, request(), 'confirm_effective', confirmation, actionContext());
    expect(result).toMatchObject({
      ok: true,
      to: 'effective',
      closes: true,
      changes: {
        decision: {
          effectiveOn: '2026-01-10',
          revocationForm: 'written',
          confirmedOn: '2026-01-15',
          confirmedBy: 'u-po',
          authorizationReference: 'AUTH-2025-118',
        },
      },
      effects: [{ kind: 'letter', template: 'revocation_confirmation', citation: '45 CFR 164.508(b)(5)' }],
    });
  });

  it('refuses to make an oral revocation effective before it is received in writing (45 CFR 164.508(b)(5))', () => {
    expect(refusalCode(decide(machine, request({ details: oral }), 'confirm_effective', confirmation, actionContext()))).toBe(
      'WRITTEN_REVOCATION_REQUIRED',
    );
  });

  it('makes an oral revocation effective from the day its writing arrived, not the day it was spoken (45 CFR 164.508(b)(5))', () => {
    const recorded = decide(machine, request({ details: oral }), 'receive_writing', { receivedOn: '2026-01-13' }, actionContext());
    expect(recorded).toMatchObject({ ok: true, to: 'received', changes: { decision: { writingReceivedOn: '2026-01-13' } } });
    const later = request({ details: oral, decision: { writingReceivedOn: '2026-01-13' } });
    expect(decide(machine, later, 'confirm_effective', { authorizationReference: 'AUTH-7' }, actionContext())).toMatchObject({
      ok: true,
      to: 'effective',
      changes: { decision: { effectiveOn: '2026-01-13', revocationForm: 'oral', disclosuresInReliance: [] } },
    });
  });

  it('lists disclosures already made in reliance as not reversible (45 CFR 164.508(b)(5)(i))', () => {
    const result = decide(machine, request(), 'confirm_effective', confirmation, actionContext());
    expect(result).toMatchObject({
      changes: {
        decision: { disclosuresInReliance: [{ description: 'Records sent to the life insurer', madeOn: '2026-01-09', reversible: false }] },
      },
    });
    // A disclosure on the day of receipt was in progress when the revocation arrived.
    const sameDay = { ...confirmation, disclosuresInReliance: [{ description: 'Fax to insurer', madeOn: '2026-01-10' }] };
    expect(decide(machine, request(), 'confirm_effective', sameDay, actionContext())).toMatchObject({ ok: true });
  });

  it('refuses to record a disclosure after the revocation took effect as made in reliance (45 CFR 164.508(b)(5)(i), (b)(2)(iii))', () => {
    const after = { ...confirmation, disclosuresInReliance: [{ description: 'Records sent to the insurer', madeOn: '2026-01-12' }] };
    expect(refusalCode(decide(machine, request(), 'confirm_effective', after, actionContext()))).toBe('NOT_IN_RELIANCE');
  });

  it('refuses to record the writing of a revocation that came in writing (45 CFR 164.508(b)(5))', () => {
    expect(refusalCode(decide(machine, request(), 'receive_writing', { receivedOn: '2026-01-12' }, actionContext()))).toBe(
      'WRITING_ALREADY_RECEIVED',
    );
  });

  it('refuses to move the effective date by recording a second writing (45 CFR 164.508(b)(5))', () => {
    const written = request({ details: oral, decision: { writingReceivedOn: '2026-01-13' } });
    expect(refusalCode(decide(machine, written, 'receive_writing', { receivedOn: '2026-01-14' }, actionContext()))).toBe(
      'WRITING_ALREADY_RECEIVED',
    );
  });

  it('refuses a receipt date after today (45 CFR 164.508(b)(5))', () => {
    expect(refusalCode(decide(machine, request({ details: oral }), 'receive_writing', { receivedOn: '2026-01-16' }, actionContext()))).toBe(
      'RECEIPT_DATE_IN_FUTURE',
    );
  });

  it('refuses to withdraw a written revocation, which took effect on receipt (45 CFR 164.508(b)(5), (b)(2)(iii))', () => {
    expect(refusalCode(decide(machine, request(), 'withdraw', {}, actionContext({ actor: requester })))).toBe(
      'REVOCATION_ALREADY_EFFECTIVE',
    );
    const written = request({ details: oral, decision: { writingReceivedOn: '2026-01-13' } });
    expect(refusalCode(decide(machine, written, 'withdraw', {}, actionContext()))).toBe('REVOCATION_ALREADY_EFFECTIVE');
  });

  it('lets the individual withdraw an oral revocation that never took effect (45 CFR 164.508(b)(5))', () => {
    expect(decide(machine, request({ details: oral }), 'withdraw', {}, actionContext({ actor: requester }))).toMatchObject({
      ok: true,
      to: 'withdrawn',
    });
  });

  it('closes an oral revocation never put in writing and tells the individual the authorization stands (45 CFR 164.508(b)(5))', () => {
    expect(decide(machine, request({ details: oral }), 'close_without_writing', {}, actionContext())).toMatchObject({
      ok: true,
      to: 'not_in_writing',
      closes: true,
      changes: { decision: { closedWithoutWritingOn: '2026-01-15', closeNote: null } },
      effects: [{ kind: 'letter', template: 'revocation_not_in_writing', citation: '45 CFR 164.508(b)(5)' }],
    });
  });

  it('refuses to close a written revocation without confirming it: it is effective on receipt (45 CFR 164.508(b)(5))', () => {
    expect(refusalCode(decide(machine, request(), 'close_without_writing', {}, actionContext()))).toBe('REVOCATION_IN_WRITING');
  });

  it('refuses an action not allowed in the current state', () => {
    expect(
      refusalCode(decide(machine, request({ status: 'effective' }), 'receive_writing', { receivedOn: '2026-01-13' }, actionContext())),
    ).toBe('NOT_ALLOWED_IN_STATE');
    expect(refusalCode(decide(machine, request({ status: 'not_in_writing' }), 'confirm_effective', confirmation, actionContext()))).toBe(
      'NOT_ALLOWED_IN_STATE',
    );
  });

  it('refuses a staff action by the patient', () => {
    expect(refusalCode(decide(machine, request(), 'confirm_effective', confirmation, actionContext({ actor: requester })))).toBe(
      'NOT_YOUR_ACTION',
    );
  });

  it('refuses bad input: a missing field, an unknown field, a malformed date in a disclosure', () => {
    expect(refusalCode(decide(machine, request(), 'confirm_effective', { disclosuresInReliance: [] }, actionContext()))).toBe(
      'INVALID_INPUT',
    );
    expect(refusalCode(decide(machine, request(), 'confirm_effective', { ...confirmation, reason: 'x' }, actionContext()))).toBe(
      'INVALID_INPUT',
    );
    const badDate = { authorizationReference: 'A', disclosuresInReliance: [{ description: 'x', madeOn: '09/01/2026' }] };
    expect(refusalCode(decide(machine, request(), 'confirm_effective', badDate, actionContext()))).toBe('INVALID_INPUT');
    expect(refusalCode(decide(machine, request({ details: oral }), 'receive_writing', {}, actionContext()))).toBe('INVALID_INPUT');
  });

  it('describes the intake details: the form is required (45 CFR 164.508(b)(5))', () => {
    expect(
      validateInput(AUTHORIZATION_REVOCATION_DETAILS_SCHEMA, {
        form: 'oral',
        authorizationReference: 'A-1',
        authorizationDescription: 'to my lawyer',
      }),
    ).toEqual([]);
    expect(validateInput(AUTHORIZATION_REVOCATION_DETAILS_SCHEMA, {})).toHaveLength(1);
    expect(validateInput(AUTHORIZATION_REVOCATION_DETAILS_SCHEMA, { form: 'email' })).toHaveLength(1);
  });
});
