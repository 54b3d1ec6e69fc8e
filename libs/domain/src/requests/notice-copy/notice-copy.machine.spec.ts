import { validateInput } from '../input-schema.js';
import { decide } from '../decide.js';
import type { RequestFacts } from '../machine.js';
import { actionContext, patient, refusalCode, requestFacts, transitionsOf } from '../testing/machine-fixtures.js';
import { validateMachine } from '../validate-machine.js';
import { NOTICE_COPY_DETAILS_SCHEMA, noticeCopyMachine } from './notice-copy.machine.js';

const request = (overrides: Partial<RequestFacts> = {}): RequestFacts => requestFacts('notice_copy', overrides);

const requester = patient();

/** A valid input, and the intake details that let the action's guards pass. */
const valid: Record<string, { input: Record<string, unknown>; details?: Record<string, unknown> }> = {
  verify_identity: { input: { method: 'photo_id_in_person' } },
  withdraw: { input: { note: 'by phone' } },
  send: { input: { method: 'paper', noticeVersion: '2026-02-16', address: '1 Main St' } },
  decline_inmate: { input: {}, details: { requesterIsInmate: true } },
};

describe('notice copy machine (45 CFR 164.520)', () => {
  it('is a valid machine table', () => {
    expect(validateMachine(noticeCopyMachine)).toEqual([]);
  });

  it('has a valid input for every action', () => {
    expect(Object.keys(valid).sort()).toEqual(Object.keys(noticeCopyMachine.actions).sort());
  });

  it.each(transitionsOf(noticeCopyMachine))('%s --%s--> %s', (from, action, to) => {
    const result = decide(
      noticeCopyMachine,
      request({ status: from, details: valid[action].details ?? {} }),
      action,
      valid[action].input,
      actionContext(),
    );
    expect(result).toMatchObject({ ok: true, from, to, action });
  });

  it('lets the requester withdraw through the portal', () => {
    expect(decide(noticeCopyMachine, request(), 'withdraw', {}, actionContext({ actor: requester }))).toMatchObject({
      ok: true,
      to: 'withdrawn',
    });
  });

  it('sends the notice without identity verification: any person may ask for it (45 CFR 164.520(c))', () => {
    const result = decide(noticeCopyMachine, request({ details: { paperRequested: true } }), 'send', valid.send.input, actionContext());
    expect(result).toMatchObject({
      ok: true,
      to: 'sent',
      closes: true,
      changes: { decision: { sentOn: '2026-01-15', sentBy: 'u-po', method: 'paper', noticeVersion: '2026-02-16', address: '1 Main St' } },
      effects: [{ kind: 'letter', template: 'notice_copy', citation: '45 CFR 164.520(c)' }],
    });
  });

  it('refuses to answer a request for a paper copy by e-mail, even after agreeing to electronic notice (45 CFR 164.520(b)(1)(iv)(F), (c)(3)(iv))', () => {
    const input = { method: 'email', noticeVersion: '2026-02-16' };
    expect(refusalCode(decide(noticeCopyMachine, request({ details: { paperRequested: true } }), 'send', input, actionContext()))).toBe(
      'PAPER_COPY_REQUIRED',
    );
    // paperRequested defaults to true: the right is to a paper copy.
    expect(refusalCode(decide(noticeCopyMachine, request({ details: {} }), 'send', input, actionContext()))).toBe('PAPER_COPY_REQUIRED');
  });

  it('hands the paper copy over in person (45 CFR 164.520(c)(3)(iv))', () => {
    const result = decide(noticeCopyMachine, request(), 'send', { method: 'in_person', noticeVersion: 'v3' }, actionContext());
    expect(result).toMatchObject({ ok: true, to: 'sent' });
  });

  it('sends by e-mail only when the person asked for it that way (45 CFR 164.520(c)(3))', () => {
    const result = decide(
      noticeCopyMachine,
      request({ details: { paperRequested: false } }),
      'send',
      { method: 'email', noticeVersion: 'v3' },
      actionContext(),
    );
    expect(result).toMatchObject({ ok: true, to: 'sent', changes: { decision: { method: 'email', address: null } } });
  });

  it('declines an inmate’s request, who has no right to the notice (45 CFR 164.520(a)(3))', () => {
    const result = decide(
      noticeCopyMachine,
      request({ details: { requesterIsInmate: true } }),
      'decline_inmate',
      { note: 'facility address' },
      actionContext(),
    );
    expect(result).toMatchObject({
      ok: true,
      to: 'declined',
      closes: true,
      changes: { decision: { declinedOn: '2026-01-15', declineReason: 'inmate', declineNote: 'facility address' } },
      effects: [],
    });
  });

  it('refuses to decline anyone but an inmate: the notice is available to any person on request (45 CFR 164.520(a)(3), (c))', () => {
    expect(refusalCode(decide(noticeCopyMachine, request({ details: {} }), 'decline_inmate', {}, actionContext()))).toBe('NOT_AN_INMATE');
    expect(
      refusalCode(decide(noticeCopyMachine, request({ details: { requesterIsInmate: false } }), 'decline_inmate', {}, actionContext())),
    ).toBe('NOT_AN_INMATE');
  });

  it('refuses an action not allowed in the current state', () => {
    expect(refusalCode(decide(noticeCopyMachine, request({ status: 'sent' }), 'send', valid.send.input, actionContext()))).toBe(
      'NOT_ALLOWED_IN_STATE',
    );
    expect(refusalCode(decide(noticeCopyMachine, request({ status: 'declined' }), 'withdraw', {}, actionContext()))).toBe(
      'NOT_ALLOWED_IN_STATE',
    );
  });

  it('refuses a staff action by the patient', () => {
    expect(refusalCode(decide(noticeCopyMachine, request(), 'send', valid.send.input, actionContext({ actor: requester })))).toBe(
      'NOT_YOUR_ACTION',
    );
  });

  it('refuses bad input: a missing field, an unknown field, a value outside the enum', () => {
    expect(refusalCode(decide(noticeCopyMachine, request(), 'send', { method: 'paper' }, actionContext()))).toBe('INVALID_INPUT');
    expect(refusalCode(decide(noticeCopyMachine, request(), 'send', { ...valid.send.input, fax: '555' }, actionContext()))).toBe(
      'INVALID_INPUT',
    );
    expect(refusalCode(decide(noticeCopyMachine, request(), 'send', { method: 'fax', noticeVersion: 'v3' }, actionContext()))).toBe(
      'INVALID_INPUT',
    );
  });

  it('describes the intake details', () => {
    expect(
      validateInput(NOTICE_COPY_DETAILS_SCHEMA, { paperRequested: true, deliveryAddress: '1 Main St', requesterIsInmate: false }),
    ).toEqual([]);
    expect(validateInput(NOTICE_COPY_DETAILS_SCHEMA, {})).toEqual([]);
    expect(validateInput(NOTICE_COPY_DETAILS_SCHEMA, { paperRequested: 'yes' })).toHaveLength(1);
  });
});
