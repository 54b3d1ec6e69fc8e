import { DomainError } from '../errors.js';
import {
  ACCOUNTABLE_CATEGORIES,
  DISCLOSURE_CATEGORIES,
  EXEMPT_CATEGORIES,
  accountingPeriod,
  computeAccounting,
  isAccountable,
  isSummarizable,
  suspensionInForce,
  type Disclosure,
  type DisclosureCategory,
  type Suspension,
} from './accounting-rules.js';

const REQUESTED_ON = '2026-03-10';

let nextId = 1;
function disclosure(overrides: Partial<Disclosure> = {}): Disclosure {
  return {
    id: `d${nextId++}`,
    disclosedOn: '2025-06-01',
    recipientName: 'County Health Department',
    recipientAddress: '1 Main St, Springfield',
    description: 'Laboratory result',
    purpose: 'Reportable disease notification',
    category: 'public_health',
    madeBy: 'clinic',
    ...overrides,
  };
}

function account(disclosures: Disclosure[], extra: { suspensions?: Suspension[]; periodFrom?: string; periodTo?: string } = {}) {
  return computeAccounting({ requestedOn: REQUESTED_ON, disclosures, suspensions: extra.suspensions ?? [], ...extra });
}

const listedIds = (result: ReturnType<typeof computeAccounting>) => result.entries.flatMap((entry) => entry.disclosureIds);

describe('accounting of disclosures: which categories are listed (45 CFR 164.528(a)(1); hipaa-rights.md §6)', () => {
  it.each(Object.entries(EXEMPT_CATEGORIES).map(([category, citation]) => ({ category: category as DisclosureCategory, citation })))(
    'leaves out $category disclosures ($citation)',
    ({ category, citation }) => {
      expect(citation).toMatch(/^45 CFR 164\.528\(a\)\(1\)\((i|ii|iii|iv|v|vi|vii|viii)\)$/);
      expect(isAccountable(category)).toBe(false);
      const result = account([disclosure({ category })]);
      expect(result.entries).toEqual([]);
      expect(result.problems).toEqual([]);
    },
  );

  it('exempts exactly the categories of 45 CFR 164.528(a)(1)(i)-(viii), each with its paragraph', () => {
    expect(EXEMPT_CATEGORIES).toEqual({
      treatment: '45 CFR 164.528(a)(1)(i)',
      payment: '45 CFR 164.528(a)(1)(i)',
      health_care_operations: '45 CFR 164.528(a)(1)(i)',
      to_individual: '45 CFR 164.528(a)(1)(ii)',
      incidental: '45 CFR 164.528(a)(1)(iii)',
      authorized: '45 CFR 164.528(a)(1)(iv)',
      facility_directory: '45 CFR 164.528(a)(1)(v)',
      persons_involved: '45 CFR 164.528(a)(1)(v)',
      national_security: '45 CFR 164.528(a)(1)(vi)',
      correctional: '45 CFR 164.528(a)(1)(vii)',
      limited_data_set: '45 CFR 164.528(a)(1)(viii)',
    });
  });

  it('puts every category in exactly one of the exempt and accountable lists (45 CFR 164.528(a)(1))', () => {
    const exempt = Object.keys(EXEMPT_CATEGORIES);
    const accountable = Object.keys(ACCOUNTABLE_CATEGORIES);
    expect([...exempt, ...accountable].sort()).toEqual([...DISCLOSURE_CATEGORIES].sort());
    expect(exempt.filter((category) => accountable.includes(category))).toEqual([]);
  });

  it.each(Object.keys(ACCOUNTABLE_CATEGORIES) as DisclosureCategory[])(
    'lists %s disclosures (45 CFR 164.528(a)(1), (b)(1))',
    (category) => {
      expect(isAccountable(category)).toBe(true);
      const item = disclosure({ category });
      expect(listedIds(account([item]))).toEqual([item.id]);
    },
  );

  it('always lists an impermissible disclosure (45 CFR 164.528(a)(1): no exemption covers a disclosure the rule did not permit)', () => {
    const item = disclosure({ category: 'impermissible', recipientName: 'Wrong Patient', purpose: 'Misdirected fax' });
    const result = account([item]);
    expect(result.entries).toEqual([
      {
        disclosedOn: '2025-06-01',
        recipientName: 'Wrong Patient',
        recipientAddress: '1 Main St, Springfield',
        description: 'Laboratory result',
        purpose: 'Misdirected fax',
        summary: null,
        disclosureIds: [item.id],
      },
    ]);
  });

  it('lists each impermissible disclosure on its own, never in summary form (45 CFR 164.528(b)(3): only 164.502(a)(2)(ii) or 164.512)', () => {
    const misdirected = ['2025-01-05', '2025-02-05', '2025-03-05'].map((disclosedOn) =>
      disclosure({ category: 'impermissible', disclosedOn, recipientName: 'Acme Billing', purpose: 'Misdirected mail' }),
    );
    expect(isSummarizable('impermissible')).toBe(false);
    const result = account(misdirected);
    expect(result.entries).toHaveLength(3);
    expect(result.entries.every((entry) => entry.summary === null)).toBe(true);
  });

  it('lists disclosures made by a business associate (45 CFR 164.528(b)(1))', () => {
    const item = disclosure({ madeBy: 'Acme Transcription LLC' });
    expect(listedIds(account([item]))).toEqual([item.id]);
  });
});

describe('accounting of disclosures: the period (45 CFR 164.528(a)(1), (a)(3))', () => {
  it('covers the six years before the request, through the request date (45 CFR 164.528(a)(1))', () => {
    expect(accountingPeriod(REQUESTED_ON)).toEqual({ from: '2020-03-10', to: '2026-03-10' });
    expect(accountingPeriod('2028-02-29')).toEqual({ from: '2022-02-28', to: '2028-02-29' });
  });

  it('includes a disclosure on the first day of the six years and leaves out the day before (45 CFR 164.528(a)(1))', () => {
    const inside = disclosure({ disclosedOn: '2020-03-10' });
    const outside = disclosure({ disclosedOn: '2020-03-09' });
    expect(listedIds(account([inside, outside]))).toEqual([inside.id]);
  });

  it('includes a disclosure on the request date and leaves out a later one (45 CFR 164.528(a)(1), (b)(1))', () => {
    const onRequestDate = disclosure({ disclosedOn: '2026-03-10' });
    const afterRequest = disclosure({ disclosedOn: '2026-03-11' });
    expect(listedIds(account([onRequestDate, afterRequest]))).toEqual([onRequestDate.id]);
  });

  it('covers a shorter period when the individual asks for one, both ends included (45 CFR 164.528(a)(3))', () => {
    const before = disclosure({ disclosedOn: '2024-12-31' });
    const first = disclosure({ disclosedOn: '2025-01-01' });
    const last = disclosure({ disclosedOn: '2025-06-30' });
    const after = disclosure({ disclosedOn: '2025-07-01' });
    const result = account([before, first, last, after], { periodFrom: '2025-01-01', periodTo: '2025-06-30' });
    expect(result.period).toEqual({ from: '2025-01-01', to: '2025-06-30' });
    expect(listedIds(result)).toEqual([first.id, last.id]);
  });

  it('takes a shorter period given by only one end (45 CFR 164.528(a)(3))', () => {
    expect(accountingPeriod(REQUESTED_ON, { from: '2024-01-01' })).toEqual({ from: '2024-01-01', to: '2026-03-10' });
    expect(accountingPeriod(REQUESTED_ON, { to: '2023-12-31' })).toEqual({ from: '2020-03-10', to: '2023-12-31' });
  });

  it('never covers more than six years or anything after the request date (45 CFR 164.528(a)(1), (a)(3))', () => {
    expect(accountingPeriod(REQUESTED_ON, { from: '2015-01-01', to: '2027-01-01' })).toEqual({ from: '2020-03-10', to: '2026-03-10' });
    const tooOld = disclosure({ disclosedOn: '2019-05-01' });
    expect(listedIds(account([tooOld], { periodFrom: '2015-01-01' }))).toEqual([]);
  });

  it('refuses a period that ends before it starts or starts after the request (45 CFR 164.528(a)(3))', () => {
    expect(() => accountingPeriod(REQUESTED_ON, { from: '2025-06-30', to: '2025-01-01' })).toThrow(DomainError);
    expect(() => accountingPeriod(REQUESTED_ON, { from: '2026-04-01' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', reason: { code: 'PERIOD_REVERSED', citation: '45 CFR 164.528(a)(3)' } }),
    );
  });

  it('refuses a malformed or impossible date', () => {
    expect(() => accountingPeriod('03/10/2026')).toThrow(DomainError);
    expect(() => accountingPeriod(REQUESTED_ON, { from: '2025-02-30' })).toThrow(DomainError);
  });
});

describe('accounting of disclosures: summary entries for repeated disclosures (45 CFR 164.528(b)(3))', () => {
  const recipient = { recipientName: 'State Cancer Registry', purpose: 'Cancer registry reporting required by state law' };

  it('lists 3 disclosures to one recipient for one purpose as one entry: the first in full, the count and the last date (45 CFR 164.528(b)(3))', () => {
    const second = disclosure({ ...recipient, disclosedOn: '2024-05-02', description: 'Pathology report, May' });
    const third = disclosure({ ...recipient, disclosedOn: '2025-01-15', description: 'Pathology report, January' });
    const first = disclosure({
      ...recipient,
      disclosedOn: '2023-11-20',
      description: 'Pathology report, November',
      recipientAddress: '10 Capitol Ave',
    });
    const result = account([second, third, first]);
    expect(result.entries).toEqual([
      {
        disclosedOn: '2023-11-20',
        recipientName: 'State Cancer Registry',
        recipientAddress: '10 Capitol Ave',
        description: 'Pathology report, November',
        purpose: 'Cancer registry reporting required by state law',
        summary: { count: 3, firstOn: '2023-11-20', lastOn: '2025-01-15' },
        disclosureIds: [first.id, second.id, third.id],
      },
    ]);
  });

  it('counts only the disclosures inside the period in a summary (45 CFR 164.528(b)(3)(i)-(iii))', () => {
    const before = disclosure({ ...recipient, disclosedOn: '2024-12-15' });
    const inside = ['2025-01-10', '2025-02-10'].map((disclosedOn) => disclosure({ ...recipient, disclosedOn }));
    const result = account([before, ...inside], { periodFrom: '2025-01-01' });
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0].summary).toEqual({ count: 2, firstOn: '2025-01-10', lastOn: '2025-02-10' });
  });

  it('matches the recipient and purpose regardless of case and spacing (45 CFR 164.528(b)(3))', () => {
    const a = disclosure({ ...recipient, disclosedOn: '2025-01-10' });
    const b = disclosure({
      disclosedOn: '2025-02-10',
      recipientName: ' state  cancer registry ',
      purpose: recipient.purpose.toUpperCase(),
    });
    expect(account([a, b]).entries.map((entry) => entry.summary?.count)).toEqual([2]);
  });

  it('keeps a different purpose or a different recipient in separate entries (45 CFR 164.528(b)(3): same recipient, single purpose)', () => {
    const a = disclosure({ ...recipient, disclosedOn: '2025-01-10' });
    const otherPurpose = disclosure({ ...recipient, disclosedOn: '2025-02-10', purpose: 'Audit of the registry' });
    const otherRecipient = disclosure({ ...recipient, disclosedOn: '2025-03-10', recipientName: 'County Registry' });
    const result = account([a, otherPurpose, otherRecipient]);
    expect(result.entries.map((entry) => entry.disclosureIds)).toEqual([[a.id], [otherPurpose.id], [otherRecipient.id]]);
    expect(result.entries.every((entry) => entry.summary === null)).toBe(true);
  });

  it('gives a single disclosure no summary (45 CFR 164.528(b)(2))', () => {
    expect(account([disclosure()]).entries[0].summary).toBeNull();
  });

  it('sorts entries by date, a summary by its first disclosure (45 CFR 164.528(b))', () => {
    const late = disclosure({ disclosedOn: '2025-09-01', recipientName: 'Court Clerk', category: 'judicial', purpose: 'Subpoena' });
    const seriesLast = disclosure({ ...recipient, disclosedOn: '2025-12-01' });
    const early = disclosure({ disclosedOn: '2021-04-01', category: 'impermissible', recipientName: 'Neighbour', purpose: 'Lost letter' });
    const seriesFirst = disclosure({ ...recipient, disclosedOn: '2023-01-01' });
    const result = account([late, seriesLast, early, seriesFirst]);
    expect(result.entries.map((entry) => entry.disclosedOn)).toEqual(['2021-04-01', '2023-01-01', '2025-09-01']);
    expect(result.entries[1].disclosureIds).toEqual([seriesFirst.id, seriesLast.id]);
  });
});

describe('accounting of disclosures: temporary suspension for oversight and law enforcement (45 CFR 164.528(a)(2))', () => {
  const written: Suspension = {
    agency: 'State Medicaid Fraud Unit',
    statement: 'written',
    statedOn: '2026-01-15',
    suspendUntil: '2026-07-31',
  };
  const oral: Suspension = { agency: 'City Police Department', statement: 'oral', statedOn: '2026-02-01', suspendUntil: '2026-12-31' };

  it('suspends for the time a written statement gives, both ends included (45 CFR 164.528(a)(2)(i))', () => {
    expect(suspensionInForce(written, '2026-01-14')).toBe(false);
    expect(suspensionInForce(written, '2026-01-15')).toBe(true);
    expect(suspensionInForce(written, '2026-07-31')).toBe(true);
    expect(suspensionInForce(written, '2026-08-01')).toBe(false);
  });

  it('ends an oral suspension 30 days after the statement without a written one (45 CFR 164.528(a)(2)(ii)(C))', () => {
    expect(suspensionInForce(oral, '2026-02-01')).toBe(true);
    expect(suspensionInForce(oral, '2026-03-03')).toBe(true); // day 30
    expect(suspensionInForce(oral, '2026-03-04')).toBe(false); // day 31
    expect(suspensionInForce(oral, '2026-06-01')).toBe(false);
  });

  it('ends an oral suspension earlier when the official asked for less than 30 days (45 CFR 164.528(a)(2)(ii)(C): no longer than 30 days)', () => {
    const short: Suspension = { ...oral, suspendUntil: '2026-02-10' };
    expect(suspensionInForce(short, '2026-02-10')).toBe(true);
    expect(suspensionInForce(short, '2026-02-11')).toBe(false);
  });

  it('carries an oral suspension to the written period when the written statement arrives within 30 days (45 CFR 164.528(a)(2)(ii)(C))', () => {
    const confirmed: Suspension = { ...oral, writtenConfirmedOn: '2026-03-03' }; // day 30
    expect(suspensionInForce(confirmed, '2026-03-04')).toBe(true);
    expect(suspensionInForce(confirmed, '2026-12-31')).toBe(true);
    expect(suspensionInForce(confirmed, '2027-01-01')).toBe(false);
  });

  it('lets an oral suspension lapse on day 31 when the written statement comes late, then suspends from its arrival (45 CFR 164.528(a)(2)(i), (ii)(C))', () => {
    const late: Suspension = { ...oral, writtenConfirmedOn: '2026-03-13' };
    expect(suspensionInForce(late, '2026-03-03')).toBe(true);
    expect(suspensionInForce(late, '2026-03-04')).toBe(false);
    expect(suspensionInForce(late, '2026-03-12')).toBe(false);
    expect(suspensionInForce(late, '2026-03-13')).toBe(true);
  });

  it('withholds and counts only the disclosures to the suspending agency; the rest is still listed (45 CFR 164.528(a)(2)(i))', () => {
    const toFraudUnit = ['2025-01-10', '2025-04-10'].map((disclosedOn) =>
      disclosure({
        disclosedOn,
        category: 'health_oversight',
        recipientName: 'Investigator J. Doe',
        recipientAgency: 'state medicaid fraud unit',
        purpose: 'Medicaid fraud audit',
      }),
    );
    const toOtherAgency = disclosure({
      category: 'health_oversight',
      recipientName: 'State Licensing Board',
      recipientAgency: 'State Licensing Board',
      purpose: 'Licensing review',
    });
    const publicHealth = disclosure();
    const result = account([...toFraudUnit, toOtherAgency, publicHealth], { suspensions: [written] });
    expect(result.withheldForSuspension).toBe(2);
    expect(listedIds(result).sort()).toEqual([toOtherAgency.id, publicHealth.id].sort());
  });

  it('matches the suspending agency by recipient name when no agency is recorded (45 CFR 164.528(a)(2)(i))', () => {
    const item = disclosure({ category: 'law_enforcement', recipientName: 'City Police Department', purpose: 'Court-ordered warrant' });
    const result = account([item], { suspensions: [{ ...oral, statedOn: '2026-02-20' }] });
    expect(result).toMatchObject({ entries: [], withheldForSuspension: 1 });
  });

  it('lists the disclosures again once an oral suspension has lapsed by the request date (45 CFR 164.528(a)(2)(ii)(C))', () => {
    const item = disclosure({ category: 'law_enforcement', recipientName: 'City Police Department', purpose: 'Court-ordered warrant' });
    const result = account([item], { suspensions: [oral] }); // stated 2026-02-01, lapsed 2026-03-04, request 2026-03-10
    expect(result.withheldForSuspension).toBe(0);
    expect(listedIds(result)).toEqual([item.id]);
  });

  it('withholds only oversight and law-enforcement disclosures, not others to the same agency (45 CFR 164.528(a)(2)(i): 164.512(d) or (f))', () => {
    const misdirected = disclosure({ category: 'impermissible', recipientName: 'State Medicaid Fraud Unit', purpose: 'Sent in error' });
    const result = account([misdirected], { suspensions: [written] });
    expect(result.withheldForSuspension).toBe(0);
    expect(listedIds(result)).toEqual([misdirected.id]);
  });
});

describe('accounting of disclosures: entries missing a required element (45 CFR 164.528(b)(2))', () => {
  it('reports, and does not list, a disclosure missing its recipient, description or purpose (45 CFR 164.528(b)(2)(ii)-(iv))', () => {
    const complete = disclosure();
    const noRecipient = disclosure({ recipientName: '' });
    const noDescriptionOrPurpose = disclosure({ description: '  ', purpose: '' });
    const result = account([complete, noRecipient, noDescriptionOrPurpose]);
    expect(listedIds(result)).toEqual([complete.id]);
    expect(result.problems).toEqual([
      { disclosureId: noRecipient.id, missing: ['recipientName'] },
      { disclosureId: noDescriptionOrPurpose.id, missing: ['description', 'purpose'] },
    ]);
  });

  it('reports a disclosure with no readable date, which cannot be placed outside the period (45 CFR 164.528(b)(2)(i))', () => {
    const undated = disclosure({ disclosedOn: '' });
    const impossible = disclosure({ disclosedOn: '2025-02-30' });
    expect(account([undated, impossible]).problems).toEqual([
      { disclosureId: undated.id, missing: ['disclosedOn'] },
      { disclosureId: impossible.id, missing: ['disclosedOn'] },
    ]);
  });

  it('does not require the address, which is listed only if known (45 CFR 164.528(b)(2)(ii))', () => {
    const result = account([
      disclosure({ recipientAddress: null }),
      disclosure({ recipientAddress: undefined, recipientName: 'State Registry', disclosedOn: '2025-07-01' }),
    ]);
    expect(result.problems).toEqual([]);
    expect(result.entries.map((entry) => entry.recipientAddress)).toEqual([null, null]);
  });

  it('ignores gaps in disclosures the accounting leaves out anyway (45 CFR 164.528(a)(1))', () => {
    const exempt = disclosure({ category: 'treatment', purpose: '' });
    const outsidePeriod = disclosure({ disclosedOn: '2019-01-01', description: '' });
    expect(account([exempt, outsidePeriod]).problems).toEqual([]);
  });

  it('reports a disclosure whose category the rules do not know, rather than guess it is exempt (45 CFR 164.528(a)(1))', () => {
    const unknown = disclosure({ category: 'marketing' as DisclosureCategory });
    expect(account([unknown])).toMatchObject({ entries: [], problems: [{ disclosureId: unknown.id, missing: ['category'] }] });
  });
});
