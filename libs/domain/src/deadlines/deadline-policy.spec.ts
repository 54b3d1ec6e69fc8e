import { checkExtension, computeDeadline, explainDeadline, type DeadlineQuery } from './deadline-policy.js';
import { DEADLINE_RULES, REQUEST_TYPE_NAMES, type DeadlineRule, type RequestTypeName } from './deadline-rules.js';

const NY = 'America/New_York';

/** A request received at noon New York time on `date` (17:00Z in winter, 16:00Z in summer: same date). */
function query(type: RequestTypeName, date: string, extra: Partial<DeadlineQuery> = {}): DeadlineQuery {
  return { type, receivedAt: new Date(`${date}T17:00:00Z`), timeZone: NY, ...extra };
}

function dates(deadline: ReturnType<typeof computeDeadline>): [string, string][] {
  return deadline.candidates.map((candidate) => [candidate.ruleId, candidate.dueOn]);
}

describe('deadline policy: HIPAA floor', () => {
  it('access is due 30 calendar days after receipt, extendable once to received + 60 (45 CFR 164.524(b)(2))', () => {
    const deadline = computeDeadline(query('access', '2026-01-10'));
    expect(deadline).toMatchObject({
      receivedOn: '2026-01-10',
      dueOn: '2026-02-09',
      ruleId: 'hipaa-access',
      citation: '45 CFR 164.524(b)(2)',
      kind: 'legal',
      extensionMaxOn: '2026-03-11',
    });
    expect(deadline.dueAt.toISOString()).toBe('2026-02-10T04:59:59.999Z'); // end of 9 Feb in New York
    expect(dates(deadline)).toEqual([['hipaa-access', '2026-02-09']]);
  });

  it('access is due 30 calendar days after receipt, with no weekend roll-forward (45 CFR 164.524(b)(2))', () => {
    // 2026-03-14 is a Saturday; it stays the due date.
    expect(computeDeadline(query('access', '2026-02-12')).dueOn).toBe('2026-03-14');
  });

  it('amendment is due 60 calendar days after receipt, extendable once by 30 (45 CFR 164.526(b)(2))', () => {
    expect(computeDeadline(query('amendment', '2026-01-10'))).toMatchObject({
      dueOn: '2026-03-11',
      ruleId: 'hipaa-amendment',
      citation: '45 CFR 164.526(b)(2)',
      kind: 'legal',
      extensionMaxOn: '2026-04-10',
    });
  });

  it('accounting is due 60 calendar days after receipt, extendable once by 30 (45 CFR 164.528(c)(1))', () => {
    expect(computeDeadline(query('accounting', '2026-01-10'))).toMatchObject({
      dueOn: '2026-03-11',
      ruleId: 'hipaa-accounting',
      citation: '45 CFR 164.528(c)(1)',
      kind: 'legal',
      extensionMaxOn: '2026-04-10',
    });
  });

  it('a receipt at 23:30 New York time counts on that New York date, not the UTC one (45 CFR 164.524(b)(2))', () => {
    const receivedAt = new Date('2026-01-11T04:30:00Z'); // 23:30 EST on 10 January
    expect(computeDeadline({ type: 'access', receivedAt, timeZone: NY })).toMatchObject({ receivedOn: '2026-01-10', dueOn: '2026-02-09' });
    expect(computeDeadline({ type: 'access', receivedAt, timeZone: 'UTC' })).toMatchObject({
      receivedOn: '2026-01-11',
      dueOn: '2026-02-10',
    });
  });

  it('counts through 29 February in a leap year (45 CFR 164.524(b)(2), 164.526(b)(2))', () => {
    expect(computeDeadline(query('access', '2028-01-30')).dueOn).toBe('2028-02-29');
    expect(computeDeadline(query('access', '2027-01-30')).dueOn).toBe('2027-03-01');
    expect(computeDeadline(query('amendment', '2028-01-01')).dueOn).toBe('2028-03-01');
    expect(computeDeadline(query('amendment', '2027-01-01')).dueOn).toBe('2027-03-02');
  });

  it('applies only the HIPAA floor where no state overlay is modelled, and to non-access types everywhere (45 CFR 164.526(b)(2); 160.203(b))', () => {
    expect(dates(computeDeadline(query('access', '2026-01-10', { jurisdiction: 'US-NY' })))).toEqual([['hipaa-access', '2026-02-09']]);
    expect(dates(computeDeadline(query('amendment', '2026-01-10', { jurisdiction: 'US-CA', accessScope: 'both' })))).toEqual([
      ['hipaa-amendment', '2026-03-11'],
    ]);
  });
});

describe('deadline policy: clinic policy targets where the regulation sets no deadline', () => {
  it.each([
    ['restriction', '45 CFR 164.522(a)', '2026-02-09'],
    ['confidential_communication', '45 CFR 164.522(b)', '2026-02-09'],
    ['complaint', '45 CFR 164.530(d)', '2026-02-09'],
    ['notice_copy', '45 CFR 164.520(c)', '2026-01-11'],
    ['authorization_revocation', '45 CFR 164.508(b)(5)', '2026-01-11'],
    ['communication_opt_out', '45 CFR 164.514(f)(2)(iv)', '2026-01-11'],
  ] as const)('%s gets a policy target, labelled as policy and not law, with no extension (%s sets no deadline)', (type, cfr, dueOn) => {
    const deadline = computeDeadline(query(type, '2026-01-10', { jurisdiction: 'US-CA', overlays: ['hhs-nprm-2021'] }));
    expect(deadline).toMatchObject({ dueOn, kind: 'policy', extensionMaxOn: null });
    expect(deadline.citation).toContain('Clinic policy');
    expect(deadline.citation).toContain(cfr);
    expect(deadline.ruleTitle).toContain('not a legal deadline');
    expect(deadline.candidates).toHaveLength(1);
  });

  it('has exactly one HIPAA floor or policy rule per request type, and no policy rule that can be extended (reference §11)', () => {
    for (const type of REQUEST_TYPE_NAMES) {
      const base = DEADLINE_RULES.filter((rule) => rule.appliesTo.includes(type) && rule.jurisdiction === null && rule.overlay === null);
      expect(base).toHaveLength(1);
    }
    for (const rule of DEADLINE_RULES.filter((candidate) => candidate.kind === 'policy')) {
      expect(rule.extension).toBeNull();
      expect(rule.citation).toMatch(/^Clinic policy; /);
    }
    expect(new Set(DEADLINE_RULES.map((rule) => rule.id)).size).toBe(DEADLINE_RULES.length);
  });
});

describe('deadline policy: stricter state laws and the NPRM overlay (45 CFR 160.203(b))', () => {
  it('California: inspection within 5 business days, copies within 15 calendar days (Cal. Health & Safety Code §123110(a)–(b))', () => {
    // Received Saturday 2026-01-10: business days are 12–16 January.
    const inspect = computeDeadline(query('access', '2026-01-10', { jurisdiction: 'US-CA', accessScope: 'inspect' }));
    expect(inspect).toMatchObject({
      dueOn: '2026-01-16',
      ruleId: 'us-ca-access-inspect',
      citation: 'Cal. Health & Safety Code §123110(a)',
    });
    expect(inspect.extensionMaxOn).toBeNull();
    expect(dates(inspect)).toEqual([
      ['us-ca-access-inspect', '2026-01-16'],
      ['hipaa-access', '2026-02-09'],
    ]);

    const copy = computeDeadline(query('access', '2026-01-10', { jurisdiction: 'US-CA', accessScope: 'copy' }));
    // 2026-01-25 is a Sunday: calendar days, no roll-forward.
    expect(copy).toMatchObject({ dueOn: '2026-01-25', ruleId: 'us-ca-access-copy', extensionMaxOn: null });
    expect(dates(copy)).toEqual([
      ['us-ca-access-copy', '2026-01-25'],
      ['hipaa-access', '2026-02-09'],
    ]);
  });

  it('California: a missing scope means copy, and "both" weighs inspection and copy rules (Cal. Health & Safety Code §123110)', () => {
    expect(computeDeadline(query('access', '2026-01-10', { jurisdiction: 'US-CA' })).ruleId).toBe('us-ca-access-copy');
    expect(computeDeadline(query('access', '2026-01-10', { jurisdiction: 'US-CA', accessScope: null })).ruleId).toBe('us-ca-access-copy');
    expect(dates(computeDeadline(query('access', '2026-01-10', { jurisdiction: 'US-CA', accessScope: 'both' })))).toEqual([
      ['us-ca-access-inspect', '2026-01-16'],
      ['us-ca-access-copy', '2026-01-25'],
      ['hipaa-access', '2026-02-09'],
    ]);
  });

  it('Texas: copies by the 15th business day, skipping Thanksgiving (Tex. Health & Safety Code §181.102; 22 TAC §165.2)', () => {
    const deadline = computeDeadline(query('access', '2026-11-20', { jurisdiction: 'US-TX' }));
    expect(deadline).toMatchObject({ dueOn: '2026-12-14', ruleId: 'us-tx-access-ehr-electronic-copy', extensionMaxOn: null });
    expect(dates(deadline)).toEqual([
      ['us-tx-access-ehr-electronic-copy', '2026-12-14'],
      ['us-tx-access-physician-copy', '2026-12-14'],
      ['hipaa-access', '2026-12-20'],
    ]);
  });

  it('Texas: 15 business days skip Christmas and the New Year (Tex. Occ. Code §159.008; Tex. Health & Safety Code §181.102)', () => {
    expect(computeDeadline(query('access', '2026-12-10', { jurisdiction: 'US-TX' })).dueOn).toBe('2027-01-04');
  });

  it('Texas: the copy rules do not govern an inspection-only request (Tex. Health & Safety Code §181.102; 45 CFR 164.524(b)(2))', () => {
    expect(dates(computeDeadline(query('access', '2026-11-20', { jurisdiction: 'US-TX', accessScope: 'inspect' })))).toEqual([
      ['hipaa-access', '2026-12-20'],
    ]);
  });

  it('Washington: 15 business days, extendable to 21 business days in all (RCW 70.02.080)', () => {
    // Received Saturday 2026-01-10; MLK Day (19 January) is skipped.
    const deadline = computeDeadline(query('access', '2026-01-10', { jurisdiction: 'US-WA' }));
    expect(deadline).toMatchObject({
      dueOn: '2026-02-02',
      ruleId: 'us-wa-access',
      citation: 'RCW 70.02.080',
      extensionMaxOn: '2026-02-10',
    });
    expect(checkExtension(deadline, { requestedDueOn: '2026-02-10', today: '2026-01-30', alreadyExtended: false })).toEqual({ ok: true });
    expect(checkExtension(deadline, { requestedDueOn: '2026-02-11', today: '2026-01-30', alreadyExtended: false })).toMatchObject({
      ok: false,
      code: 'BEYOND_LEGAL_MAXIMUM',
    });
  });

  it('Montana: 10 calendar days, extendable to 21 days in all (MCA 50-16-541)', () => {
    expect(computeDeadline(query('access', '2026-01-10', { jurisdiction: 'US-MT' }))).toMatchObject({
      dueOn: '2026-01-20',
      ruleId: 'us-mt-access',
      citation: 'MCA 50-16-541',
      extensionMaxOn: '2026-01-31',
    });
  });

  it('matches the jurisdiction code case-insensitively (MCA 50-16-541)', () => {
    expect(computeDeadline(query('access', '2026-01-10', { jurisdiction: 'us-mt' })).ruleId).toBe('us-mt-access');
  });

  it('2021 NPRM: access 15 + 15 calendar days, only when the overlay is switched on (86 FR 6446, proposed 45 CFR 164.524(b)(2))', () => {
    expect(computeDeadline(query('access', '2026-01-10')).ruleId).toBe('hipaa-access');
    const deadline = computeDeadline(query('access', '2026-01-10', { overlays: ['hhs-nprm-2021'] }));
    expect(deadline).toMatchObject({ dueOn: '2026-01-25', ruleId: 'hhs-nprm-2021-access', kind: 'legal', extensionMaxOn: '2026-02-09' });
    expect(dates(deadline)).toEqual([
      ['hhs-nprm-2021-access', '2026-01-25'],
      ['hipaa-access', '2026-02-09'],
    ]);
  });

  it('2021 NPRM: amendment and accounting keep the HIPAA 60 days even with the overlay on (86 FR 6446; 45 CFR 164.526(b)(2), 164.528(c)(1))', () => {
    expect(computeDeadline(query('amendment', '2026-01-10', { overlays: ['hhs-nprm-2021'] })).ruleId).toBe('hipaa-amendment');
    expect(computeDeadline(query('accounting', '2026-01-10', { overlays: ['hhs-nprm-2021'] })).ruleId).toBe('hipaa-accounting');
  });

  it('an NPRM extension may not pass an unextendable Texas deadline (86 FR 6446; Tex. Health & Safety Code §181.102)', () => {
    const deadline = computeDeadline(query('access', '2026-01-10', { jurisdiction: 'US-TX', overlays: ['hhs-nprm-2021'] }));
    expect(deadline).toMatchObject({ dueOn: '2026-01-25', ruleId: 'hhs-nprm-2021-access', extensionMaxOn: '2026-02-02' });
  });

  it('no extension when an unextendable California copy deadline falls the same day as the NPRM one (86 FR 6446; Cal. Health & Safety Code §123110(b))', () => {
    const deadline = computeDeadline(query('access', '2026-01-10', { jurisdiction: 'US-CA', overlays: ['hhs-nprm-2021'] }));
    expect(deadline.dueOn).toBe('2026-01-25');
    expect(deadline.extensionMaxOn).toBeNull();
    expect(checkExtension(deadline, { requestedDueOn: '2026-01-30', today: '2026-01-20', alreadyExtended: false })).toMatchObject({
      ok: false,
      code: 'NOT_EXTENDABLE',
    });
  });

  it('applies a rule only to requests received within its effective dates (reference §12; 45 CFR 160.203(b))', () => {
    const stateRule: DeadlineRule = {
      id: 'us-xx-access',
      title: 'Test state access law',
      citation: 'Test Code §1',
      appliesTo: ['access'],
      kind: 'legal',
      count: { days: 10, unit: 'calendar' },
      extension: null,
      jurisdiction: 'US-XX',
      overlay: null,
      effectiveFrom: '2026-07-01',
      effectiveUntil: '2026-12-31',
    };
    const rules = [...DEADLINE_RULES, stateRule];
    const at = (date: string) => computeDeadline(query('access', date, { jurisdiction: 'US-XX' }), rules).ruleId;
    expect(at('2026-06-30')).toBe('hipaa-access');
    expect(at('2026-07-01')).toBe('us-xx-access');
    expect(at('2026-12-31')).toBe('us-xx-access');
    expect(at('2027-01-01')).toBe('hipaa-access');
  });

  it('refuses a query no rule covers, and an invalid receipt instant', () => {
    expect(() => computeDeadline(query('access', '2026-01-10'), [])).toThrow(RangeError);
    expect(() => computeDeadline({ type: 'access', receivedAt: new Date('nope'), timeZone: NY })).toThrow(RangeError);
  });
});

describe('checkExtension', () => {
  const access = computeDeadline(query('access', '2026-01-10')); // due 2026-02-09, maximum 2026-03-11

  it('allows one extension, notified on or before the due date, up to received + 60 for access (45 CFR 164.524(b)(2)(ii))', () => {
    expect(checkExtension(access, { requestedDueOn: '2026-03-11', today: '2026-02-09', alreadyExtended: false })).toEqual({ ok: true });
    expect(checkExtension(access, { requestedDueOn: '2026-02-20', today: '2026-01-12', alreadyExtended: false })).toEqual({ ok: true });
  });

  it('refuses a second extension (45 CFR 164.524(b)(2)(ii): only one)', () => {
    expect(checkExtension(access, { requestedDueOn: '2026-03-01', today: '2026-02-01', alreadyExtended: true })).toMatchObject({
      ok: false,
      code: 'ALREADY_EXTENDED',
    });
  });

  it('refuses an extension notified after the due date (45 CFR 164.524(b)(2)(ii): within the time limit)', () => {
    const result = checkExtension(access, { requestedDueOn: '2026-03-01', today: '2026-02-10', alreadyExtended: false });
    expect(result).toMatchObject({ ok: false, code: 'PAST_DUE' });
    expect(!result.ok && result.message).toContain('2026-02-09');
  });

  it('refuses a new date beyond received + 60 for access (45 CFR 164.524(b)(2)(ii): no more than 30 days)', () => {
    const result = checkExtension(access, { requestedDueOn: '2026-03-12', today: '2026-02-01', alreadyExtended: false });
    expect(result).toMatchObject({ ok: false, code: 'BEYOND_LEGAL_MAXIMUM' });
    expect(!result.ok && result.message).toContain('2026-03-11');
  });

  it('refuses a new date that is not later than the current due date (45 CFR 164.524(b)(2)(ii))', () => {
    for (const requestedDueOn of ['2026-02-09', '2026-02-01']) {
      expect(checkExtension(access, { requestedDueOn, today: '2026-02-01', alreadyExtended: false })).toMatchObject({
        ok: false,
        code: 'NOT_LATER',
      });
    }
  });

  it('refuses to extend a clinic policy target or a California copy deadline (45 CFR 164.522(a); Cal. Health & Safety Code §123110(b))', () => {
    const restriction = computeDeadline(query('restriction', '2026-01-10'));
    const californiaCopy = computeDeadline(query('access', '2026-01-10', { jurisdiction: 'US-CA' }));
    for (const deadline of [restriction, californiaCopy]) {
      expect(checkExtension(deadline, { requestedDueOn: '2026-02-20', today: '2026-01-12', alreadyExtended: false })).toMatchObject({
        ok: false,
        code: 'NOT_EXTENDABLE',
      });
    }
  });

  it('allows an amendment or accounting extension to received + 90 but not beyond (45 CFR 164.526(b)(2)(ii), 164.528(c)(1)(ii))', () => {
    for (const type of ['amendment', 'accounting'] as const) {
      const deadline = computeDeadline(query(type, '2026-01-10'));
      expect(checkExtension(deadline, { requestedDueOn: '2026-04-10', today: '2026-03-11', alreadyExtended: false })).toEqual({ ok: true });
      expect(checkExtension(deadline, { requestedDueOn: '2026-04-11', today: '2026-03-11', alreadyExtended: false })).toMatchObject({
        code: 'BEYOND_LEGAL_MAXIMUM',
      });
    }
  });
});

describe('explainDeadline', () => {
  it('names every candidate with its citation and date, and the earliest that governs (RCW 70.02.080; 45 CFR 164.524(b)(2))', () => {
    const lines = explainDeadline(computeDeadline(query('access', '2026-01-10', { jurisdiction: 'US-WA' })));
    const text = lines.join('\n');
    expect(lines[0]).toBe('Received 2026-01-10 (America/New_York); days are counted from the next day on that calendar.');
    expect(text).toContain('RCW 70.02.080: 15 business days (weekends and US federal holidays excluded), so due 2026-02-02.');
    expect(text).toContain('45 CFR 164.524(b)(2): 30 calendar days, so due 2026-02-09.');
    expect(text).toContain('The earliest applies: due 2026-02-02 under Washington access to health care information (RCW 70.02.080)');
    expect(text).toContain('the new date may be no later than 2026-02-10');
  });

  it('says that calendar-day deadlines are not rolled forward, even when the date is a Saturday (45 CFR 164.524(b)(2))', () => {
    const text = explainDeadline(computeDeadline(query('access', '2026-02-12'))).join('\n');
    expect(text).toContain('Due 2026-03-14 under HIPAA right of access (45 CFR 164.524(b)(2))');
    expect(text).toContain(
      '2026-03-14 is a Saturday, and it stays the due date: calendar-day deadlines are not moved to the next business day.',
    );
    expect(explainDeadline(computeDeadline(query('access', '2026-01-10'))).join('\n')).toContain(
      'These are calendar days: a due date on a weekend or holiday is not moved to the next business day.',
    );
  });

  it("labels a policy target as the clinic's own, not law, with no extension (45 CFR 164.522(a))", () => {
    const text = explainDeadline(computeDeadline(query('restriction', '2026-01-10'))).join('\n');
    expect(text).toContain("This is the clinic's own policy target, not a legal deadline");
    expect(text).toContain('No extension is available: the governing rule allows none.');
  });

  it('explains why no extension is possible when an unextendable rule ties (Cal. Health & Safety Code §123110(b); 86 FR 6446)', () => {
    const deadline = computeDeadline(query('access', '2026-01-10', { jurisdiction: 'US-CA', overlays: ['hhs-nprm-2021'] }));
    const text = explainDeadline(deadline).join('\n');
    expect(text).toContain('Cal. Health & Safety Code §123110(b): 15 calendar days, so due 2026-01-25.');
    expect(text).toContain('86 FR 6446 (2021-01-21), proposed 45 CFR 164.524(b)(2), RIN 0945-AA00: 15 calendar days, so due 2026-01-25.');
    expect(text).toContain('another applicable rule that allows none falls due the same day');
  });
});
