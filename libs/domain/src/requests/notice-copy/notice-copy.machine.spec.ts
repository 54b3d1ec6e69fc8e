import { validateInput } from '../input-schema.js';
import { decide } from '../decide.js';
import type { ActionContext, Decision, RequestFacts } from '../machine.js';
import { validateMachine } from '../validate-machine.js';
import { NOTICE_COPY_DETAILS_SCHEMA, noticeCopyMachine } from './notice-copy.machine.js';

function request(overrides: Partial<RequestFacts> = {}): RequestFacts {
  return {
    type: 'notice_copy',
    status: 'received',
    receivedOn: '2026-01-10',
    dueOn: '2026-01-11',
    originalDueOn: '2026-01-11',
    extensionMaxOn: null,
    extended: false,
    assigneeId: null,
    details: {},
    decision: {},
    identity: { verified: false },
    ...overrides,
  };
}

function context(overrides: Partial<ActionContext> = {}): ActionContext {
  return {
    now: new Date('2026-01-15T15:00:00Z'),
    today: '2026-01-15',
    actor: { id: 'u-po', kind: 'staff', roles: ['privacy_officer'] },
    users: {},
    ...overrides,
  };
}

const patient: ActionContext['actor'] = { id: 'req-1', kind: 'patient', roles: [] };

/** A valid input, and the intake details that let the action's guards pass. */
const valid: Record<string, { input: Record<string, unknown>; details?: Record<string, unknown> }> = {
  verify_identity: { input: { method: 'photo_id_in_person' } },
  withdraw: { input: { note: 'by phone' } },
  send: { input: { method: 'paper', noticeVersion: '2026-02-16', address: '1 Main St' } },
  decline_inmate: { input: {}, details: { requesterIsInmate: true } },
};

function expectRefused(decision: Decision, code: string): void {
  expect(decision.ok).toBe(false);
  if (!decision.ok) expect(decision.code).toBe(code);
}

describe('notice copy machine (45 CFR 164.520)', () => {
  it('is a valid machine table', () => {
    expect(validateMachine(noticeCopyMachine)).toEqual([]);
  });

  it('has a valid input for every action', () => {
    expect(Object.keys(valid).sort()).toEqual(Object.keys(noticeCopyMachine.actions).sort());
  });

  const rows = Object.entries(noticeCopyMachine.transitions).flatMap(([from, actions]) =>
    Object.entries(actions ?? {}).map(([action, to]) => [from, action, to] as const),
  );

  it.each(rows)('%s --%s--> %s', (from, action, to) => {
    const result = decide(
      noticeCopyMachine,
      request({ status: from, details: valid[action].details ?? {} }),
      action,
      valid[action].input,
      context(),
    );
    expect(result).toMatchObject({ ok: true, from, to, action });
  });

  it('lets the requester withdraw through the portal', () => {
    expect(decide(noticeCopyMachine, request(), 'withdraw', {}, context({ actor: patient }))).toMatchObject({ ok: true, to: 'withdrawn' });
  });

  it('sends the notice without identity verification: any person may ask for it (45 CFR 164.520(c))', () => {
    const result = decide(noticeCopyMachine, request({ details: { paperRequested: true } }), 'send', valid.send.input, context());
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
    expectRefused(
      decide(noticeCopyMachine, request({ details: { paperRequested: true } }), 'send', input, context()),
      'PAPER_COPY_REQUIRED',
    );
    // paperRequested defaults to true: the right is to a paper copy.
    expectRefused(decide(noticeCopyMachine, request({ details: {} }), 'send', input, context()), 'PAPER_COPY_REQUIRED');
  });

  it('hands the paper copy over in person (45 CFR 164.520(c)(3)(iv))', () => {
    const result = decide(noticeCopyMachine, request(), 'send', { method: 'in_person', noticeVersion: 'v3' }, context());
    expect(result).toMatchObject({ ok: true, to: 'sent' });
  });

  it('sends by e-mail only when the person asked for it that way (45 CFR 164.520(c)(3))', () => {
    const result = decide(
      noticeCopyMachine,
      request({ details: { paperRequested: false } }),
      'send',
      { method: 'email', noticeVersion: 'v3' },
      context(),
    );
    expect(result).toMatchObject({ ok: true, to: 'sent', changes: { decision: { method: 'email', address: null } } });
  });

  it('declines an inmate’s request, who has no right to the notice (45 CFR 164.520(a)(3))', () => {
    const result = decide(
      noticeCopyMachine,
      request({ details: { requesterIsInmate: true } }),
      'decline_inmate',
      { note: 'facility address' },
      context(),
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
    expectRefused(decide(noticeCopyMachine, request({ details: {} }), 'decline_inmate', {}, context()), 'NOT_AN_INMATE');
    expectRefused(
      decide(noticeCopyMachine, request({ details: { requesterIsInmate: false } }), 'decline_inmate', {}, context()),
      'NOT_AN_INMATE',
    );
  });

  it('refuses an action not allowed in the current state', () => {
    expectRefused(decide(noticeCopyMachine, request({ status: 'sent' }), 'send', valid.send.input, context()), 'NOT_ALLOWED_IN_STATE');
    expectRefused(decide(noticeCopyMachine, request({ status: 'declined' }), 'withdraw', {}, context()), 'NOT_ALLOWED_IN_STATE');
  });

  it('refuses a staff action by the patient', () => {
    expectRefused(decide(noticeCopyMachine, request(), 'send', valid.send.input, context({ actor: patient })), 'NOT_YOUR_ACTION');
  });

  it('refuses bad input: a missing field, an unknown field, a value outside the enum', () => {
    expectRefused(decide(noticeCopyMachine, request(), 'send', { method: 'paper' }, context()), 'INVALID_INPUT');
    expectRefused(decide(noticeCopyMachine, request(), 'send', { ...valid.send.input, fax: '555' }, context()), 'INVALID_INPUT');
    expectRefused(decide(noticeCopyMachine, request(), 'send', { method: 'fax', noticeVersion: 'v3' }, context()), 'INVALID_INPUT');
  });

  it('describes the intake details', () => {
    expect(
      validateInput(NOTICE_COPY_DETAILS_SCHEMA, { paperRequested: true, deliveryAddress: '1 Main St', requesterIsInmate: false }),
    ).toEqual([]);
    expect(validateInput(NOTICE_COPY_DETAILS_SCHEMA, {})).toEqual([]);
    expect(validateInput(NOTICE_COPY_DETAILS_SCHEMA, { paperRequested: 'yes' })).toHaveLength(1);
  });
});
