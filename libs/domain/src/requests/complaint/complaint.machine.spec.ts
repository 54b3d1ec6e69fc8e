import { validateInput } from '../input-schema.js';
import { decide } from '../decide.js';
import type { ActionContext, KnownUser, RequestFacts } from '../machine.js';
import { actionContext, patient, refusalCode, requestFacts, transitionsOf } from '../testing/machine-fixtures.js';
import { validateMachine } from '../validate-machine.js';
import {
  COMPLAINT_DETAILS_SCHEMA,
  complaintMachine,
  dispositionDocumented,
  hhsComplaintWindow,
  RETALIATION_RISK_WINDOW_DAYS,
} from './complaint.machine.js';

const INVESTIGATOR = '5b0c7a9e-1d2f-4c3b-8a4e-6f7d8c9b0a1e';
const FORMER = '7c1d8b0f-2e3a-4d4c-9b5f-7a8e9d0c1b2f';

const request = (overrides: Partial<RequestFacts> = {}): RequestFacts =>
  requestFacts('complaint', { details: { category: 'access', subject: 'My records request went unanswered' }, ...overrides });

const users: Record<string, KnownUser> = {
  [INVESTIGATOR]: { roles: ['privacy_officer'], licensed: false, active: true },
  [FORMER]: { roles: ['privacy_officer'], licensed: false, active: false },
};
const context = (overrides: Partial<ActionContext> = {}): ActionContext => actionContext({ users, ...overrides });

const requester = patient();

const resolution = { disposition: 'Access was provided late; staff retrained.', outcome: 'substantiated', sanctionsApplied: false };

const valid: Record<string, Record<string, unknown>> = {
  verify_identity: { method: 'portal_account' },
  withdraw: {},
  investigate: { investigatorId: INVESTIGATOR },
  resolve: resolution,
};

describe('complaint machine (45 CFR 164.530(d))', () => {
  it('is a valid machine table', () => {
    expect(validateMachine(complaintMachine)).toEqual([]);
  });

  it('has a valid input for every action', () => {
    expect(Object.keys(valid).sort()).toEqual(Object.keys(complaintMachine.actions).sort());
  });

  it.each(transitionsOf(complaintMachine))('%s --%s--> %s', (from, action, to) => {
    const result = decide(complaintMachine, request({ status: from }), action, valid[action], context());
    expect(result).toMatchObject({ ok: true, from, to, action });
  });

  it('opens an investigation, by default with the privacy officer who opens it (45 CFR 164.530(d)(1))', () => {
    expect(decide(complaintMachine, request(), 'investigate', {}, context())).toMatchObject({
      ok: true,
      to: 'investigating',
      closes: false,
      changes: { decision: { investigationOpenedOn: '2026-01-15', investigatorId: 'u-po' } },
    });
    expect(decide(complaintMachine, request(), 'investigate', { investigatorId: INVESTIGATOR }, context())).toMatchObject({
      changes: { decision: { investigatorId: INVESTIGATOR } },
    });
  });

  it('refuses an investigator who is not an active staff user', () => {
    expect(refusalCode(decide(complaintMachine, request(), 'investigate', { investigatorId: FORMER }, context()))).toBe('INVALID_INPUT');
  });

  it('documents the disposition and sends the disposition letter (45 CFR 164.530(d)(2))', () => {
    const result = decide(complaintMachine, request({ status: 'investigating' }), 'resolve', resolution, context());
    expect(result).toMatchObject({
      ok: true,
      to: 'resolved',
      closes: true,
      changes: {
        decision: {
          resolvedOn: '2026-01-15',
          resolvedBy: 'u-po',
          disposition: resolution.disposition,
          outcome: 'substantiated',
          sanctionsApplied: false,
          sanctionsDescription: null,
        },
      },
      effects: [{ kind: 'letter', template: 'complaint_disposition', citation: '45 CFR 164.530(d)(2)' }],
    });
  });

  it('refuses to resolve a complaint without a disposition (45 CFR 164.530(d)(2))', () => {
    const { disposition: _omitted, ...withoutDisposition } = resolution;
    expect(refusalCode(decide(complaintMachine, request(), 'resolve', withoutDisposition, context()))).toBe('INVALID_INPUT');
    expect(refusalCode(decide(complaintMachine, request(), 'resolve', { ...resolution, disposition: '   ' }, context()))).toBe(
      'INVALID_INPUT',
    );
    // Invisible characters pass input validation but are not a disposition.
    expect(refusalCode(decide(complaintMachine, request(), 'resolve', { ...resolution, disposition: '\u200b\u200b' }, context()))).toBe(
      'DISPOSITION_REQUIRED',
    );
  });

  it('refuses a blank disposition even when called directly, after trimming (45 CFR 164.530(d)(2))', () => {
    expect(dispositionDocumented(request(), { disposition: ' \n\t ' }, context())).toMatchObject({
      code: 'DISPOSITION_REQUIRED',
      citation: '45 CFR 164.530(d)(2)',
    });
    expect(dispositionDocumented(request(), { disposition: 'Unfounded.' }, context())).toBeNull();
  });

  it('refuses sanctions that are applied but not described (45 CFR 164.530(e)(2))', () => {
    expect(refusalCode(decide(complaintMachine, request(), 'resolve', { ...resolution, sanctionsApplied: true }, context()))).toBe(
      'SANCTIONS_NOT_DOCUMENTED',
    );
  });

  it('documents the sanctions applied with the disposition (45 CFR 164.530(e)(2))', () => {
    const input = { ...resolution, sanctionsApplied: true, sanctionsDescription: 'Written warning to one workforce member.' };
    expect(decide(complaintMachine, request(), 'resolve', input, context())).toMatchObject({
      ok: true,
      changes: { decision: { sanctionsApplied: true, sanctionsDescription: 'Written warning to one workforce member.' } },
    });
  });

  it('refuses to resolve twice: a resolved complaint is closed', () => {
    expect(refusalCode(decide(complaintMachine, request({ status: 'resolved' }), 'resolve', resolution, context()))).toBe(
      'NOT_ALLOWED_IN_STATE',
    );
    expect(refusalCode(decide(complaintMachine, request({ status: 'investigating' }), 'investigate', {}, context()))).toBe(
      'NOT_ALLOWED_IN_STATE',
    );
  });

  it('refuses a staff action by the complainant, who may still withdraw', () => {
    expect(refusalCode(decide(complaintMachine, request(), 'resolve', resolution, context({ actor: requester })))).toBe('NOT_YOUR_ACTION');
    expect(decide(complaintMachine, request(), 'withdraw', {}, context({ actor: requester }))).toMatchObject({ ok: true, to: 'withdrawn' });
  });

  it('refuses bad input: an unknown field, an outcome outside the list, a missing field', () => {
    expect(refusalCode(decide(complaintMachine, request(), 'resolve', { ...resolution, fine: 100 }, context()))).toBe('INVALID_INPUT');
    expect(refusalCode(decide(complaintMachine, request(), 'resolve', { ...resolution, outcome: 'dismissed' }, context()))).toBe(
      'INVALID_INPUT',
    );
    const { sanctionsApplied: _omitted, ...withoutSanctions } = resolution;
    expect(refusalCode(decide(complaintMachine, request(), 'resolve', withoutSanctions, context()))).toBe('INVALID_INPUT');
  });

  describe('the 180-day HHS complaint window, for information (45 CFR 160.306(b)(3))', () => {
    it('runs 180 calendar days from when the complainant knew or should have known (45 CFR 160.306(b)(3))', () => {
      const window = hhsComplaintWindow({ incidentKnownOn: '2025-12-01' }, '2026-01-10');
      expect(window).toMatchObject({ closesOn: '2026-05-30', basis: 'incident', waivable: true });
      expect(window.text).toContain('closes on 2026-05-30');
      expect(window.text).toContain('may waive it for good cause');
    });

    it('runs from receipt when no earlier date is known (45 CFR 160.306(b)(3))', () => {
      expect(hhsComplaintWindow({}, '2026-01-10')).toMatchObject({ closesOn: '2026-07-09', basis: 'receipt', waivable: true });
    });

    it('counts across a leap day with no weekend roll-forward (45 CFR 160.306(b)(3))', () => {
      expect(hhsComplaintWindow({ incidentKnownOn: '2027-12-01' }, '2028-01-05').closesOn).toBe('2028-05-29');
    });
  });

  it('sets the retaliation-risk alert window by policy (45 CFR 164.530(g): retaliation is barred at any time)', () => {
    expect(RETALIATION_RISK_WINDOW_DAYS).toBe(90);
  });

  it('describes the intake details', () => {
    const details = {
      category: 'access',
      subject: 'Late records',
      incidentKnownOn: '2026-01-02',
      linkedRequests: [{ requestId: INVESTIGATOR }],
    };
    expect(validateInput(COMPLAINT_DETAILS_SCHEMA, details)).toEqual([]);
    expect(validateInput(COMPLAINT_DETAILS_SCHEMA, { category: 'billing', subject: 'x' })).toHaveLength(1);
    expect(validateInput(COMPLAINT_DETAILS_SCHEMA, { category: 'other' })).toHaveLength(1);
    expect(
      validateInput(COMPLAINT_DETAILS_SCHEMA, { category: 'other', subject: 'x', linkedRequests: [{ requestId: 'r-1' }] }),
    ).toHaveLength(1);
  });
});
