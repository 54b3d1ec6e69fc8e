import { validateInput } from '../input-schema.js';
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
import { ACCOUNTING_DETAILS_SCHEMA, accountingMachine, earliestAccountingDate } from './accounting.machine.js';

const request = (overrides: Partial<RequestFacts> = {}): RequestFacts =>
  requestFacts('accounting', { details: { subsequentWithinTwelveMonths: false }, ...overrides });

const asPatient = actionContext({ actor: patient('req-1') });

const verified = { verified: true, method: 'portal_account', verifiedBy: 'u-po', verifiedOn: '2026-01-12' };
const subsequent = { subsequentWithinTwelveMonths: true };
const noticeSent = { feeNoticeSentOn: '2026-01-12', feeNoticeCents: 2500 };
const feeAccepted = { ...noticeSent, feeResponse: 'accepted', feeAgreedCents: 2500 };

/** Valid input per action, and the facts a request needs (per state) for the action to pass its guards. */
const valid: Record<string, ValidAction> = {
  verify_identity: { input: { method: 'callback' } },
  withdraw: { input: {} },
  extend: { input: { reasons: 'Business associate logs still outstanding', newDueOn: '2026-04-10' } },
  send_fee_notice: { input: { feeCents: 2500, explanation: 'Staff time to compile the list.' }, facts: () => ({ details: subsequent }) },
  accept_fee: { input: { note: 'Portal' }, facts: () => ({ details: subsequent, decision: noticeSent }) },
  modify_request: {
    input: { periodFrom: '2024-01-01', periodTo: '2025-12-31', feeCents: 1000 },
    facts: (state) => ({ details: subsequent, decision: state === 'fee_accepted' ? feeAccepted : noticeSent }),
  },
  provide: {
    input: { periodFrom: '2020-01-10', periodTo: '2026-01-10' },
    facts: (state) => ({
      identity: verified,
      details: state === 'received' ? {} : subsequent,
      decision: state === 'received' ? {} : noticeSent,
    }),
  },
  refuse_unverified: { input: { reason: 'identity_not_verified', note: 'No answer to the callback' } },
};

const run = machineRunner(accountingMachine, request, valid, actionContext());

describe('accounting of disclosures machine (45 CFR 164.528)', () => {
  it('is a valid machine table', () => {
    expect(validateMachine(accountingMachine)).toEqual([]);
  });

  it('has a valid input for every action', () => {
    expect(Object.keys(valid).sort()).toEqual(Object.keys(accountingMachine.actions).sort());
  });

  const table = transitionsOf(accountingMachine).map(
    ([from, action, to]) => [from, action, to, accountingMachine.actions[action].citation ?? '45 CFR 164.528'] as const,
  );
  it.each(table)('%s --%s--> %s (%s)', (from, action, to) => {
    expect(run(from, action)).toMatchObject({ ok: true, from, to, action });
  });

  it('lists verify_identity and withdraw in every open state', () => {
    for (const state of openStates(accountingMachine)) {
      expect(transitionsFrom(accountingMachine, state)).toMatchObject({ verify_identity: state, withdraw: 'withdrawn' });
    }
  });

  describe('generic refusals', () => {
    it('refuses an action not allowed in the state (NOT_ALLOWED_IN_STATE)', () => {
      expect(refusalCode(run('received', 'accept_fee'))).toBe('NOT_ALLOWED_IN_STATE');
      expect(refusalCode(run('provided', 'withdraw'))).toBe('NOT_ALLOWED_IN_STATE');
    });

    it('refuses a wrong performer (NOT_YOUR_ACTION)', () => {
      expect(refusalCode(run('received', 'provide', { context: asPatient }))).toBe('NOT_YOUR_ACTION');
      expect(refusalCode(run('received', 'send_fee_notice', { context: asPatient }))).toBe('NOT_YOUR_ACTION');
    });

    it('refuses an unknown input field and a missing one (INVALID_INPUT)', () => {
      expect(refusalCode(run('received', 'provide', { input: { ...valid.provide.input, recipients: [] } }))).toBe('INVALID_INPUT');
      expect(refusalCode(run('fee_accepted', 'modify_request', { input: { periodFrom: '2024-01-01' } }))).toBe('INVALID_INPUT');
    });
  });

  it('has no denial: the only refusal is failed verification (45 CFR 164.528, 164.514(h)(1))', () => {
    expect(Object.keys(accountingMachine.actions).filter((action) => /deny|refuse/.test(action))).toEqual(['refuse_unverified']);
    expect(run('received', 'refuse_unverified')).toMatchObject({
      ok: true,
      to: 'refused_unverified',
      closes: true,
      changes: { decision: { refusalReason: 'identity_not_verified', refusedOn: '2026-01-15' } },
    });
  });

  it('refuses to close as unverified when identity is already verified (45 CFR 164.514(h)(1))', () => {
    expect(refusalCode(run('received', 'refuse_unverified', { facts: { identity: verified } }))).toBe('IDENTITY_ALREADY_VERIFIED');
    expect(
      run('received', 'refuse_unverified', { facts: { identity: verified }, input: { reason: 'authority_not_verified' } }),
    ).toMatchObject({ ok: true });
  });

  it('refuses to close as unverified authority when authority is already verified (45 CFR 164.514(h)(1), 164.502(g))', () => {
    const facts = { decision: { authorityVerified: true } };
    expect(refusalCode(run('received', 'refuse_unverified', { facts, input: { reason: 'authority_not_verified' } }))).toBe(
      'AUTHORITY_ALREADY_VERIFIED',
    );
  });

  describe('deadline (45 CFR 164.528(c)(1))', () => {
    it('allows one extension with a written notice (45 CFR 164.528(c)(1)(ii))', () => {
      const decision = run('fee_notice_sent', 'extend');
      expect(decision).toMatchObject({ ok: true, changes: { dueOn: '2026-04-10', extended: true } });
      expect(accepted(decision).effects).toContainEqual({
        kind: 'letter',
        template: 'extension_notice',
        citation: '45 CFR 164.528(c)(1)(ii)',
      });
      expect(refusalCode(run('received', 'extend', { facts: { extended: true } }))).toBe('EXTENSION_ALREADY_USED');
    });

    it('keeps the clock running through the fee notice and the answer (45 CFR 164.528(c)(1)-(2))', () => {
      expect(accountingMachine.states.fee_notice_sent.clock).toBe('running');
      expect(accountingMachine.states.fee_accepted.clock).toBe('running');
      expect(run('received', 'send_fee_notice')).toMatchObject({ ok: true, closes: false });
      expect(run('fee_notice_sent', 'accept_fee')).toMatchObject({ ok: true, closes: false });
    });

    it('stops the clock when the accounting is provided (45 CFR 164.528(c)(1))', () => {
      expect(run('received', 'provide')).toMatchObject({ ok: true, closes: true });
    });
  });

  describe('fees (45 CFR 164.528(c)(2))', () => {
    it('refuses a fee notice for the first accounting in 12 months (45 CFR 164.528(c)(2))', () => {
      expect(refusalCode(run('received', 'send_fee_notice', { facts: { details: { subsequentWithinTwelveMonths: false } } }))).toBe(
        'FIRST_ACCOUNTING_FREE',
      );
    });

    it('sends the fee notice letter and records the fee (45 CFR 164.528(c)(2))', () => {
      expect(run('received', 'send_fee_notice')).toMatchObject({
        ok: true,
        changes: { decision: { feeNoticeSentOn: '2026-01-15', feeNoticeCents: 2500 } },
        effects: [{ kind: 'letter', template: 'accounting_fee_notice', citation: '45 CFR 164.528(c)(2)' }],
      });
    });

    it('refuses a zero fee in a notice (45 CFR 164.528(c)(2))', () => {
      expect(refusalCode(run('received', 'send_fee_notice', { input: { feeCents: 0, explanation: 'x' } }))).toBe('INVALID_INPUT');
    });

    it('lets the patient accept the fee through the portal (45 CFR 164.528(c)(2))', () => {
      expect(run('fee_notice_sent', 'accept_fee', { context: asPatient })).toMatchObject({
        ok: true,
        to: 'fee_accepted',
        changes: { decision: { feeResponse: 'accepted', feeAgreedCents: 2500, feeRespondedBy: 'patient' } },
      });
    });

    it('lets the patient withdraw after the fee notice (45 CFR 164.528(c)(2))', () => {
      expect(run('fee_notice_sent', 'withdraw', { context: asPatient })).toMatchObject({ ok: true, to: 'withdrawn' });
    });

    it('lets the patient narrow the request to reduce the fee (45 CFR 164.528(a)(3), (c)(2))', () => {
      expect(run('fee_notice_sent', 'modify_request', { context: asPatient })).toMatchObject({
        ok: true,
        to: 'fee_accepted',
        changes: {
          decision: { feeResponse: 'modified', feeAgreedCents: 1000, modifiedPeriodFrom: '2024-01-01', modifiedPeriodTo: '2025-12-31' },
        },
      });
      const keepsFee = run('fee_notice_sent', 'modify_request', { input: { periodFrom: '2024-01-01', periodTo: '2025-12-31' } });
      expect(keepsFee).toMatchObject({ ok: true, changes: { decision: { feeAgreedCents: 2500 } } });
    });

    it('refuses a modified request that costs more than the notice (45 CFR 164.528(c)(2))', () => {
      const input = { periodFrom: '2024-01-01', periodTo: '2025-12-31', feeCents: 2501 };
      expect(refusalCode(run('fee_notice_sent', 'modify_request', { input }))).toBe('FEE_ABOVE_NOTICE');
    });

    it('refuses a modified period that is reversed or longer than six years (45 CFR 164.528(a)(1), (a)(3))', () => {
      expect(refusalCode(run('fee_notice_sent', 'modify_request', { input: { periodFrom: '2025-12-31', periodTo: '2024-01-01' } }))).toBe(
        'PERIOD_REVERSED',
      );
      expect(refusalCode(run('fee_notice_sent', 'modify_request', { input: { periodFrom: '2020-01-09', periodTo: '2024-01-01' } }))).toBe(
        'PERIOD_TOO_LONG',
      );
    });

    it('refuses a fee on the first accounting in 12 months (45 CFR 164.528(c)(2))', () => {
      const decision = run('received', 'provide', { input: { ...valid.provide.input, feeCents: 500 } });
      expect(refusalCode(decision)).toBe('FEE_NOT_AGREED');
    });

    it('refuses a fee before the individual answered the fee notice (45 CFR 164.528(c)(2))', () => {
      const decision = run('fee_notice_sent', 'provide', { input: { ...valid.provide.input, feeCents: 2500 } });
      expect(refusalCode(decision)).toBe('FEE_NOT_AGREED');
    });

    it('provides free of charge when the individual did not answer the fee notice (45 CFR 164.528(c)(1)-(2))', () => {
      expect(run('fee_notice_sent', 'provide')).toMatchObject({ ok: true, to: 'provided', changes: { decision: { feeCents: 0 } } });
    });

    it('charges the agreed fee, and no more (45 CFR 164.528(c)(2))', () => {
      const facts = { decision: feeAccepted };
      expect(run('fee_accepted', 'provide', { facts, input: { ...valid.provide.input, feeCents: 2500 } })).toMatchObject({
        ok: true,
        changes: { decision: { feeCents: 2500 } },
      });
      expect(refusalCode(run('fee_accepted', 'provide', { facts, input: { ...valid.provide.input, feeCents: 2501 } }))).toBe(
        'FEE_NOT_AGREED',
      );
    });

    it('charges no more than the reduced fee agreed by modifying the request (45 CFR 164.528(c)(2))', () => {
      const facts = { decision: { ...noticeSent, feeResponse: 'modified', feeAgreedCents: 1000 } };
      expect(refusalCode(run('fee_accepted', 'provide', { facts, input: { ...valid.provide.input, feeCents: 2500 } }))).toBe(
        'FEE_NOT_AGREED',
      );
      expect(run('fee_accepted', 'provide', { facts, input: { ...valid.provide.input, feeCents: 1000 } })).toMatchObject({ ok: true });
    });
  });

  describe('providing the accounting (45 CFR 164.528(a)-(b))', () => {
    it('refuses to provide before identity and authority are verified (45 CFR 164.514(h)(1))', () => {
      expect(refusalCode(run('received', 'provide', { facts: { identity: { verified: false } } }))).toBe('IDENTITY_NOT_VERIFIED');
    });

    it('provides the accounting; the entries come from the ledger, not the caller (45 CFR 164.528(b))', () => {
      expect(run('received', 'provide')).toMatchObject({
        ok: true,
        to: 'provided',
        changes: { decision: { providedOn: '2026-01-15', periodFrom: '2020-01-10', periodTo: '2026-01-10', feeCents: 0 } },
        effects: [{ kind: 'letter', template: 'accounting', citation: '45 CFR 164.528(b)' }],
      });
      expect(refusalCode(run('received', 'provide', { input: { ...valid.provide.input, entriesCount: 3 } }))).toBe('INVALID_INPUT');
    });

    it('covers the period asked for when the action names none: six years to the request date by default (45 CFR 164.528(a)(1), (a)(3))', () => {
      expect(run('received', 'provide', { input: {} })).toMatchObject({
        ok: true,
        changes: { decision: { periodFrom: '2020-01-10', periodTo: '2026-01-10' } },
      });
      expect(
        run('received', 'provide', { input: {}, facts: { details: { periodFrom: '2025-01-01', periodTo: '2025-06-30' } } }),
      ).toMatchObject({ ok: true, changes: { decision: { periodFrom: '2025-01-01', periodTo: '2025-06-30' } } });
    });

    it('refuses a period reaching back more than six years before the request (45 CFR 164.528(a)(1))', () => {
      expect(refusalCode(run('received', 'provide', { input: { ...valid.provide.input, periodFrom: '2020-01-09' } }))).toBe(
        'PERIOD_TOO_LONG',
      );
    });

    it('refuses a period that ends before it starts (45 CFR 164.528(a)(3))', () => {
      const input = { ...valid.provide.input, periodFrom: '2025-01-10', periodTo: '2024-01-10' };
      expect(refusalCode(run('received', 'provide', { input }))).toBe('PERIOD_REVERSED');
    });

    it('counts the six years from the request date, 29 February to 28 February (45 CFR 164.528(a)(1))', () => {
      expect(earliestAccountingDate({ receivedOn: '2026-01-10' })).toBe('2020-01-10');
      expect(earliestAccountingDate({ receivedOn: '2028-02-29' })).toBe('2022-02-28');
      expect(earliestAccountingDate({ receivedOn: '2030-02-28' })).toBe('2024-02-28');
    });
  });

  describe('intake details', () => {
    it('takes an optional period and the system-set subsequent flag (45 CFR 164.528(a)(3), (c)(2))', () => {
      expect(validateInput(ACCOUNTING_DETAILS_SCHEMA, { subsequentWithinTwelveMonths: false })).toEqual([]);
      expect(
        validateInput(ACCOUNTING_DETAILS_SCHEMA, { periodFrom: '2023-01-01', periodTo: '2025-12-31', subsequentWithinTwelveMonths: true }),
      ).toEqual([]);
      expect(validateInput(ACCOUNTING_DETAILS_SCHEMA, {}).map((error) => error.field)).toEqual(['subsequentWithinTwelveMonths']);
      expect(
        validateInput(ACCOUNTING_DETAILS_SCHEMA, { subsequentWithinTwelveMonths: true, periodFrom: '2023-02-30' }).map(
          (error) => error.field,
        ),
      ).toEqual(['periodFrom']);
    });
  });

  it('gives every state staff and patient wording', () => {
    for (const state of Object.values(accountingMachine.states)) {
      expect(state.title.length).toBeGreaterThan(0);
      expect(state.plain.length).toBeGreaterThan(0);
    }
  });
});
