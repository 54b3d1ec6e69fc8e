import { DomainError } from '../errors.js';
import { accountingFeeAllowed, isSubsequentAccounting, type PriorAccounting } from './accounting-fee.js';

describe('accounting of disclosures: is this request subsequent? (45 CFR 164.528(c)(2), hipaa-rights.md §6)', () => {
  it('treats the first accounting as not subsequent (45 CFR 164.528(c)(2): first in any 12 months free)', () => {
    expect(isSubsequentAccounting('2026-03-10', [])).toBe(false);
  });

  it('treats a request after a free accounting within 12 months as subsequent (45 CFR 164.528(c)(2))', () => {
    expect(isSubsequentAccounting('2026-03-10', [{ providedOn: '2025-09-01', feeCents: 0 }])).toBe(true);
    expect(isSubsequentAccounting('2026-03-10', [{ providedOn: '2026-03-10', feeCents: 0 }])).toBe(true);
    expect(isSubsequentAccounting('2026-03-10', [{ providedOn: '2025-03-11', feeCents: 0 }])).toBe(true);
  });

  it('makes the accounting free again from the same date one year later (45 CFR 164.528(c)(2), §6 interpretation)', () => {
    expect(isSubsequentAccounting('2026-03-10', [{ providedOn: '2025-03-10', feeCents: 0 }])).toBe(false);
    expect(isSubsequentAccounting('2026-03-10', [{ providedOn: '2024-12-01', feeCents: 0 }])).toBe(false);
  });

  it('counts 366 days when the year crosses a leap day (45 CFR 164.528(c)(2), §6 interpretation)', () => {
    // 2027-03-11 .. 2028-03-10 holds 29 Feb 2028: 366 days.
    expect(isSubsequentAccounting('2028-03-10', [{ providedOn: '2027-03-11', feeCents: 0 }])).toBe(true);
    expect(isSubsequentAccounting('2028-03-10', [{ providedOn: '2027-03-10', feeCents: 0 }])).toBe(false);
    // Received on 29 Feb: one year earlier is 28 Feb 2027, so the window opens on 1 March.
    expect(isSubsequentAccounting('2028-02-29', [{ providedOn: '2027-03-01', feeCents: 0 }])).toBe(true);
    expect(isSubsequentAccounting('2028-02-29', [{ providedOn: '2027-02-28', feeCents: 0 }])).toBe(false);
  });

  it('counts only free accountings, not paid ones (45 CFR 164.528(c)(2), §6 interpretation)', () => {
    const prior: PriorAccounting[] = [
      { providedOn: '2025-01-05', feeCents: 0 },
      { providedOn: '2025-06-01', feeCents: 1500 },
    ];
    expect(isSubsequentAccounting('2026-02-01', prior)).toBe(false);
  });

  it('ignores accountings provided after the request was received (45 CFR 164.528(c)(2))', () => {
    expect(isSubsequentAccounting('2026-03-10', [{ providedOn: '2026-03-11', feeCents: 0 }])).toBe(false);
  });

  it('refuses a malformed or impossible date', () => {
    expect(() => isSubsequentAccounting('03/10/2026', [])).toThrow(DomainError);
    expect(() => isSubsequentAccounting('2026-03-10', [{ providedOn: '2026-02-30', feeCents: 0 }])).toThrow(DomainError);
  });
});

describe('accounting of disclosures: may a fee be charged? (45 CFR 164.528(c)(2))', () => {
  const noticed = { subsequent: true, feeNoticeSentOn: '2026-03-12', feeCents: 1500 } as const;

  it('refuses any fee for the first accounting in 12 months (45 CFR 164.528(c)(2))', () => {
    expect(accountingFeeAllowed({ subsequent: false, feeNoticeSentOn: '2026-03-12', patientResponse: 'accepted', feeCents: 1 })).toEqual({
      ok: false,
      code: 'FIRST_ACCOUNTING_FREE',
      message: expect.stringContaining('164.528(c)(2)'),
    });
  });

  it('allows the first accounting at no charge (45 CFR 164.528(c)(2))', () => {
    expect(accountingFeeAllowed({ subsequent: false, feeNoticeSentOn: null, patientResponse: null, feeCents: 0 })).toEqual({ ok: true });
  });

  it('needs an advance fee notice for a second accounting within 12 months (45 CFR 164.528(c)(2))', () => {
    expect(accountingFeeAllowed({ subsequent: true, feeNoticeSentOn: null, patientResponse: null, feeCents: 1500 })).toMatchObject({
      ok: false,
      code: 'FEE_NOTICE_REQUIRED',
    });
  });

  it('waits for the individual to accept or modify after the notice (45 CFR 164.528(c)(2))', () => {
    expect(accountingFeeAllowed({ ...noticed, patientResponse: null })).toMatchObject({ ok: false, code: 'FEE_NOT_ACCEPTED' });
  });

  it('charges nothing once the individual withdraws (45 CFR 164.528(c)(2): chance to withdraw)', () => {
    expect(accountingFeeAllowed({ ...noticed, patientResponse: 'withdrawn' })).toMatchObject({ ok: false, code: 'WITHDRAWN' });
  });

  it('allows the fee after notice and acceptance or a modified request (45 CFR 164.528(c)(2))', () => {
    expect(accountingFeeAllowed({ ...noticed, patientResponse: 'accepted' })).toEqual({ ok: true });
    expect(accountingFeeAllowed({ ...noticed, patientResponse: 'modified', feeCents: 700 })).toEqual({ ok: true });
  });

  it('runs first free, second needs notice, free again after 12 months (45 CFR 164.528(c)(2))', () => {
    const history: PriorAccounting[] = [{ providedOn: '2026-01-15', feeCents: 0 }];

    const second = isSubsequentAccounting('2026-06-01', history);
    expect(accountingFeeAllowed({ subsequent: second, feeNoticeSentOn: null, patientResponse: null, feeCents: 1200 })).toMatchObject({
      code: 'FEE_NOTICE_REQUIRED',
    });
    expect(
      accountingFeeAllowed({ subsequent: second, feeNoticeSentOn: '2026-06-03', patientResponse: 'accepted', feeCents: 1200 }),
    ).toEqual({
      ok: true,
    });
    history.push({ providedOn: '2026-06-20', feeCents: 1200 });

    const third = isSubsequentAccounting('2027-01-15', history);
    expect(third).toBe(false);
    expect(
      accountingFeeAllowed({ subsequent: third, feeNoticeSentOn: '2027-01-16', patientResponse: 'accepted', feeCents: 1200 }),
    ).toMatchObject({
      code: 'FIRST_ACCOUNTING_FREE',
    });
  });

  it('rejects a negative or fractional fee as invalid input', () => {
    expect(() => accountingFeeAllowed({ ...noticed, patientResponse: 'accepted', feeCents: -1 })).toThrow(DomainError);
    expect(() => accountingFeeAllowed({ ...noticed, patientResponse: 'accepted', feeCents: 1.5 })).toThrow(DomainError);
  });
});
