/**
 * Fees for an accounting of disclosures (45 CFR 164.528(c)(2); design
 * reference hipaa-rights.md §6): the first accounting in any 12 months is
 * free; a later one may carry a cost-based fee only after the individual was
 * told the fee in advance and could withdraw or modify the request.
 */
import { DomainError } from '../errors.js';

/** An accounting already provided to the same individual. */
export interface PriorAccounting {
  providedOn: string;
  feeCents: number;
}

/**
 * True when a *free* accounting was provided to the individual in the 12
 * months up to `receivedOn` (the reference's interpretation of 164.528(c)(2),
 * §6). The window opens the day after the same date one year earlier, so it
 * spans 365 days, or 366 when it crosses 29 February; an accounting provided
 * exactly one year before is outside it, and the tie goes to the free request.
 * Paid accountings do not open a window: only the free one is "the first".
 */
export function isSubsequentAccounting(receivedOn: string, prior: readonly PriorAccounting[]): boolean {
  assertIsoDate(receivedOn, 'receivedOn');
  const oneYearEarlier = sameDateOneYearEarlier(receivedOn);
  return prior.some((accounting, index) => {
    assertIsoDate(accounting.providedOn, `prior[${index}].providedOn`);
    // ISO dates compare correctly as strings.
    return accounting.feeCents === 0 && accounting.providedOn > oneYearEarlier && accounting.providedOn <= receivedOn;
  });
}

export type AccountingFeeRefusalCode = 'FIRST_ACCOUNTING_FREE' | 'FEE_NOTICE_REQUIRED' | 'FEE_NOT_ACCEPTED' | 'WITHDRAWN';

export function accountingFeeAllowed(input: {
  subsequent: boolean;
  feeNoticeSentOn: string | null;
  patientResponse: 'accepted' | 'modified' | 'withdrawn' | null;
  feeCents: number;
}): { ok: true } | { ok: false; code: AccountingFeeRefusalCode; message: string } {
  if (!Number.isSafeInteger(input.feeCents) || input.feeCents < 0) {
    throw new DomainError('INVALID_INPUT', 'The accounting fee must be a whole, non-negative number of cents.', [
      { field: 'feeCents', message: 'must be a non-negative integer' },
    ]);
  }
  // Charging nothing needs no notice or consent.
  if (input.feeCents === 0) return { ok: true };

  if (!input.subsequent) {
    return {
      ok: false,
      code: 'FIRST_ACCOUNTING_FREE',
      message: 'The first accounting in any 12-month period must be provided without charge (45 CFR 164.528(c)(2)).',
    };
  }
  if (input.feeNoticeSentOn === null) {
    return {
      ok: false,
      code: 'FEE_NOTICE_REQUIRED',
      message:
        'A fee for a further accounting within 12 months needs advance notice of the fee, with a chance to withdraw or modify the request (45 CFR 164.528(c)(2)).',
    };
  }
  if (input.patientResponse === 'withdrawn') {
    return {
      ok: false,
      code: 'WITHDRAWN',
      message: 'The individual withdrew the request after the fee notice, so no fee may be charged (45 CFR 164.528(c)(2)).',
    };
  }
  if (input.patientResponse === null) {
    return {
      ok: false,
      code: 'FEE_NOT_ACCEPTED',
      message:
        'The individual has not yet accepted the fee or modified the request after the fee notice; wait for their answer (45 CFR 164.528(c)(2)).',
    };
  }
  // 'accepted', or 'modified' (the fee is then the one for the narrower request).
  return { ok: true };
}

function sameDateOneYearEarlier(date: string): string {
  const year = Number(date.slice(0, 4)) - 1;
  const monthDay = date.slice(5);
  // 29 February has no twin in a common year; 28 February keeps the window at 366 days.
  if (monthDay === '02-29' && !isLeapYear(year)) return `${String(year).padStart(4, '0')}-02-28`;
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function assertIsoDate(value: string, field: string): void {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const valid =
    match !== null &&
    (() => {
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const date = new Date(Date.UTC(year, month - 1, day));
      return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    })();
  if (!valid) {
    throw new DomainError('INVALID_INPUT', `${field} must be an ISO calendar date (YYYY-MM-DD).`, [
      { field, message: 'must be an ISO calendar date (YYYY-MM-DD)' },
    ]);
  }
}
