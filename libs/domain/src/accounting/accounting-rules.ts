/**
 * What an accounting of disclosures lists (45 CFR 164.528(a)-(b); design
 * reference hipaa-rights.md §6). Pure rules: the disclosure log and the
 * suspensions go in, the entries the individual must see come out.
 *
 * Decisions taken where the reference leaves room (each is also stated where it is applied):
 *   - The period runs from the same date six years before the request (29 February reaches back to
 *     28 February) through the request date, both days included: the same reading as the accounting
 *     request machine (`earliestAccountingDate`), which this file reuses so that the two never disagree.
 *   - A requested period longer than six years, or running past the request date, is cut to the rule's
 *     limits rather than refused: the rule never requires more (164.528(a)(1), (a)(3)).
 *   - Disclosures before the covered entity's compliance date (164.528(a)(1)(ix); 14 April 2003, or
 *     14 April 2004 for small health plans) are out of scope: every six-year period that can be asked
 *     for today starts long after that date, so no floor is applied.
 *   - A suspension (164.528(a)(2)) withholds the disclosures made to its agency or official under
 *     164.512(d) (health oversight) or 164.512(f) (law enforcement), as the paragraph says, and nothing
 *     else; it is judged on the request date.
 *   - A disclosure that lacks a required element (164.528(b)(2)) is reported, never listed half-filled
 *     and never dropped: the accounting is blocked until the log is fixed.
 *   - Fees (164.528(c)(2)) live in fees/accounting-fee.ts, deadlines in the request machine.
 */
import { DomainError } from '../errors.js';
import { earliestAccountingDate } from '../requests/accounting/accounting.machine.js';
import { addCalendarDays } from '../time/calendar-date.js';

// ---------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------

/** Why a disclosure was made: the `category` of the disclosure log (api.md, "Disclosures and accounting"). */
export const DISCLOSURE_CATEGORIES = [
  'treatment',
  'payment',
  'health_care_operations',
  'to_individual',
  'authorized',
  'facility_directory',
  'persons_involved',
  'national_security',
  'correctional',
  'limited_data_set',
  'incidental',
  'public_health',
  'health_oversight',
  'law_enforcement',
  'judicial',
  'research',
  'abuse_neglect',
  'workers_compensation',
  'required_by_law',
  'decedents',
  'organ_donation',
  'serious_threat',
  'military',
  'impermissible',
] as const;

export type DisclosureCategory = (typeof DISCLOSURE_CATEGORIES)[number];

/**
 * The categories an accounting leaves out, each with the paragraph of 45 CFR 164.528(a)(1) that
 * exempts it. (a)(1)(ix), disclosures before the compliance date, is a date rather than a category:
 * see the file comment.
 */
export const EXEMPT_CATEGORIES = {
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
} as const satisfies Partial<Record<DisclosureCategory, string>>;

export type ExemptCategory = keyof typeof EXEMPT_CATEGORIES;
export type AccountableCategory = Exclude<DisclosureCategory, ExemptCategory>;

/**
 * The legal basis of each accountable category. Everything but `impermissible` is a 164.512
 * disclosure, which is what allows summary entries (164.528(b)(3)); an impermissible disclosure
 * is one the Privacy Rule did not permit (164.502(a)), and is always accounted for one by one.
 */
export const ACCOUNTABLE_CATEGORIES = {
  required_by_law: '45 CFR 164.512(a)',
  public_health: '45 CFR 164.512(b)',
  abuse_neglect: '45 CFR 164.512(c)',
  health_oversight: '45 CFR 164.512(d)',
  judicial: '45 CFR 164.512(e)',
  law_enforcement: '45 CFR 164.512(f)',
  decedents: '45 CFR 164.512(g)',
  organ_donation: '45 CFR 164.512(h)',
  research: '45 CFR 164.512(i)',
  serious_threat: '45 CFR 164.512(j)',
  military: '45 CFR 164.512(k)(1)',
  workers_compensation: '45 CFR 164.512(l)',
  impermissible: '45 CFR 164.502(a)',
} as const satisfies Record<AccountableCategory, string>;

/** The categories whose disclosures a suspension can withhold: 164.512(d) and (f) (164.528(a)(2)(i)). */
export const SUSPENDABLE_CATEGORIES: readonly DisclosureCategory[] = ['health_oversight', 'law_enforcement'];

export function isDisclosureCategory(value: unknown): value is DisclosureCategory {
  return typeof value === 'string' && (DISCLOSURE_CATEGORIES as readonly string[]).includes(value);
}

/** True when disclosures of this category belong in an accounting (45 CFR 164.528(a)(1)). */
export function isAccountable(category: DisclosureCategory): category is AccountableCategory {
  return Object.hasOwn(ACCOUNTABLE_CATEGORIES, category);
}

/** True when repeated disclosures of this category may be listed in summary form (164.528(b)(3)). */
export function isSummarizable(category: DisclosureCategory): boolean {
  return isAccountable(category) && ACCOUNTABLE_CATEGORIES[category].startsWith('45 CFR 164.512');
}

// ---------------------------------------------------------------------------
// Disclosures and suspensions
// ---------------------------------------------------------------------------

/** One row of the disclosure log (hipaa-rights.md §6, "Disclosure log fields"). */
export interface Disclosure {
  id: string;
  /** ISO date of the disclosure. */
  disclosedOn: string;
  recipientName: string;
  /** Listed if known (164.528(b)(2)(ii)). */
  recipientAddress?: string | null;
  /** A brief description of the PHI disclosed (164.528(b)(2)(iii)). */
  description: string;
  /** A brief statement of purpose, or a reference to the written request (164.528(b)(2)(iv)). */
  purpose: string;
  category: DisclosureCategory;
  /** The oversight agency or law-enforcement official the disclosure went to, matched against suspensions. */
  recipientAgency?: string | null;
  /** For the research alternative (164.528(b)(4)), not used yet: see the TODO in computeAccounting. */
  researchProtocolId?: string | null;
  /** `'clinic'` or the business associate's name; both are accounted for (164.528(b)(1)). */
  madeBy: 'clinic' | string;
}

/**
 * A statement from a health oversight agency or law-enforcement official that an accounting would
 * impede its work (45 CFR 164.528(a)(2)). For an oral statement later confirmed in writing,
 * `suspendUntil` is the time the written statement gives.
 */
export interface Suspension {
  agency: string;
  statement: 'written' | 'oral';
  /** ISO date the statement was made (for an oral one, the date it was documented). */
  statedOn: string;
  /** ISO date, included: the last day of the suspension the agency asked for. */
  suspendUntil: string;
  /** For an oral statement: the ISO date a written statement arrived, if one did. */
  writtenConfirmedOn?: string | null;
}

/** An oral statement suspends for at most 30 days from the statement (164.528(a)(2)(ii)(C)). */
export const ORAL_SUSPENSION_MAX_DAYS = 30;

/**
 * True when `s` suspends the individual's right to an accounting of disclosures to its agency on
 * `onDate` (45 CFR 164.528(a)(2)). Days are counted as the product's other clocks count them: an
 * oral statement made on day D suspends through D + 30, inclusive.
 *
 *   - written (a)(2)(i): from the statement through `suspendUntil`;
 *   - oral (a)(2)(ii): from the statement through the earlier of `suspendUntil` and D + 30, unless a
 *     written statement arrives by D + 30, which carries the suspension on to `suspendUntil`. A written
 *     statement that arrives later is still a written statement: it suspends from its own date, after
 *     a gap in which the oral one had lapsed.
 */
export function suspensionInForce(s: Suspension, onDate: string): boolean {
  assertIsoDate(onDate, 'onDate');
  assertIsoDate(s.statedOn, 'suspension.statedOn');
  assertIsoDate(s.suspendUntil, 'suspension.suspendUntil');
  if (s.statement === 'written') return s.statedOn <= onDate && onDate <= s.suspendUntil;

  const oralLimit = addCalendarDays(s.statedOn, ORAL_SUSPENSION_MAX_DAYS);
  const oralEnd = s.suspendUntil < oralLimit ? s.suspendUntil : oralLimit;
  if (s.statedOn <= onDate && onDate <= oralEnd) return true;

  const written = s.writtenConfirmedOn ?? null;
  if (written === null) return false;
  assertIsoDate(written, 'suspension.writtenConfirmedOn');
  return written <= onDate && onDate <= s.suspendUntil;
}

// ---------------------------------------------------------------------------
// Period
// ---------------------------------------------------------------------------

export interface AccountingPeriod {
  /** ISO date, included. */
  from: string;
  /** ISO date, included. */
  to: string;
}

/**
 * The period an accounting covers (45 CFR 164.528(a)(1), (a)(3), (b)(1)): the six years before the
 * request, or the shorter period the individual asked for. A `from` earlier than six years back or a
 * `to` after the request date is cut to those limits; a period that ends before it starts is refused.
 * The compliance-date floor of 164.528(a)(1)(ix) is not applied (see the file comment).
 */
export function accountingPeriod(requestedOn: string, options: { from?: string; to?: string } = {}): AccountingPeriod {
  assertIsoDate(requestedOn, 'requestedOn');
  if (options.from !== undefined) assertIsoDate(options.from, 'from');
  if (options.to !== undefined) assertIsoDate(options.to, 'to');

  const earliest = earliestAccountingDate({ receivedOn: requestedOn });
  const from = options.from !== undefined && options.from > earliest ? options.from : earliest;
  const to = options.to !== undefined && options.to < requestedOn ? options.to : requestedOn;
  if (from > to) {
    throw new DomainError(
      'INVALID_INPUT',
      'The period of an accounting must start on or before its end, and no later than the request date.',
      [{ field: 'from', message: 'must be on or before the end of the period and the request date' }],
      undefined,
      { code: 'PERIOD_REVERSED', citation: '45 CFR 164.528(a)(3)' },
    );
  }
  return { from, to };
}

// ---------------------------------------------------------------------------
// The accounting
// ---------------------------------------------------------------------------

/** One listed disclosure (164.528(b)(2)), or a series in summary form (164.528(b)(3)). */
export interface AccountingEntry {
  /** The date of the disclosure; for a summary, of the first one in the period. */
  disclosedOn: string;
  recipientName: string;
  recipientAddress: string | null;
  description: string;
  purpose: string;
  /** For repeated disclosures to one recipient for one purpose: how many, the first and the last date. */
  summary?: { count: number; firstOn: string; lastOn: string } | null;
  /** The log rows behind the entry, in date order. */
  disclosureIds: string[];
}

/** The elements of an entry that 164.528(b)(2) requires, plus a category the rules can read. */
export type RequiredElement = 'disclosedOn' | 'recipientName' | 'description' | 'purpose' | 'category';

export interface AccountingProblem {
  disclosureId: string;
  missing: RequiredElement[];
}

export interface AccountingInput {
  /** ISO date of the request. */
  requestedOn: string;
  /** A shorter period asked for (164.528(a)(3)). */
  periodFrom?: string;
  periodTo?: string;
  disclosures: readonly Disclosure[];
  suspensions: readonly Suspension[];
}

export interface AccountingResult {
  period: AccountingPeriod;
  /** Sorted by date (the first date of a summary), then recipient. */
  entries: AccountingEntry[];
  /** How many disclosures are held back under a suspension in force on the request date (164.528(a)(2)). */
  withheldForSuspension: number;
  /**
   * Accountable disclosures in the period (or with no readable date) that lack a required element
   * (164.528(b)(2)). While this is not empty the accounting must not be provided: fix the log first.
   */
  problems: AccountingProblem[];
}

/**
 * The accounting of disclosures for a request (45 CFR 164.528):
 *   1. only accountable categories (a)(1), made by the clinic or a business associate (b)(1);
 *   2. only disclosures inside the period (a)(1), (a)(3);
 *   3. disclosures to an agency whose suspension is in force on the request date are withheld and counted (a)(2);
 *   4. a disclosure missing a required element is reported in `problems`, not listed (b)(2);
 *   5. repeated 164.512 disclosures to one recipient for one purpose become one summary entry (b)(3);
 *   6. entries are sorted by date.
 */
export function computeAccounting(input: AccountingInput): AccountingResult {
  const period = accountingPeriod(input.requestedOn, { from: input.periodFrom, to: input.periodTo });
  const suspendedAgencies = new Set(
    input.suspensions.filter((s) => suspensionInForce(s, input.requestedOn)).map((s) => normalise(s.agency)),
  );

  const problems: AccountingProblem[] = [];
  const listed: Disclosure[] = [];
  let withheldForSuspension = 0;

  for (const disclosure of input.disclosures) {
    if (!isDisclosureCategory(disclosure.category)) {
      // An unknown category cannot be judged exempt: block rather than guess.
      problems.push({ disclosureId: disclosure.id, missing: ['category', ...requiredElementsMissing(disclosure)] });
      continue;
    }
    if (!isAccountable(disclosure.category)) continue;

    const missing = requiredElementsMissing(disclosure);
    // Without a date the disclosure cannot be placed outside the period, so it blocks the accounting.
    if (missing.includes('disclosedOn')) {
      problems.push({ disclosureId: disclosure.id, missing });
      continue;
    }
    if (disclosure.disclosedOn < period.from || disclosure.disclosedOn > period.to) continue;

    const agency = agencyOf(disclosure);
    if (SUSPENDABLE_CATEGORIES.includes(disclosure.category) && agency !== '' && suspendedAgencies.has(agency)) {
      withheldForSuspension += 1;
      continue;
    }
    if (missing.length > 0) {
      problems.push({ disclosureId: disclosure.id, missing });
      continue;
    }
    listed.push(disclosure);
  }

  // TODO(164.528(b)(4)): research disclosures under 164.512(i) for 50 or more individuals may instead be
  // listed per protocol (name, plain-language description and selection criteria, type of PHI, dates
  // including the last, sponsor's and researcher's name, address and phone, and a "may or may not have
  // been disclosed" statement), with help contacting the sponsor on request ((b)(4)(ii)). That needs a
  // protocol register and a count across individuals, neither of which this function sees; until then
  // research disclosures are listed individually (or summarised under (b)(3)), which the rule also allows.

  const entries = group(listed).map(toEntry);
  entries.sort(
    (a, b) =>
      compare(a.disclosedOn, b.disclosedOn) || compare(a.recipientName, b.recipientName) || compare(a.disclosureIds[0], b.disclosureIds[0]),
  );
  return { period, entries, withheldForSuspension, problems };
}

/** Groups disclosures into entries: a 164.512 series to one recipient for one purpose shares a group (164.528(b)(3)). */
function group(disclosures: readonly Disclosure[]): Disclosure[][] {
  const byDate = [...disclosures].sort((a, b) => compare(a.disclosedOn, b.disclosedOn) || compare(a.id, b.id));
  const groups: Disclosure[][] = [];
  const series = new Map<string, Disclosure[]>();
  for (const disclosure of byDate) {
    if (!isSummarizable(disclosure.category)) {
      groups.push([disclosure]);
      continue;
    }
    const key = JSON.stringify([disclosure.category, normalise(disclosure.recipientName), normalise(disclosure.purpose)]);
    const existing = series.get(key);
    if (existing) {
      existing.push(disclosure);
    } else {
      const created = [disclosure];
      series.set(key, created);
      groups.push(created);
    }
  }
  return groups;
}

/** The full entry of the first disclosure, plus the count and the last date when there are several. */
function toEntry(disclosures: Disclosure[]): AccountingEntry {
  const first = disclosures[0];
  const last = disclosures[disclosures.length - 1];
  return {
    disclosedOn: first.disclosedOn,
    recipientName: first.recipientName,
    recipientAddress: blank(first.recipientAddress) ? null : (first.recipientAddress as string),
    description: first.description,
    purpose: first.purpose,
    summary: disclosures.length > 1 ? { count: disclosures.length, firstOn: first.disclosedOn, lastOn: last.disclosedOn } : null,
    disclosureIds: disclosures.map((disclosure) => disclosure.id),
  };
}

/** What an accounting would need that this disclosure lacks (164.528(b)(2)): nothing when no accounting lists its category. */
export function accountingGaps(
  disclosure: Pick<Disclosure, 'disclosedOn' | 'recipientName' | 'description' | 'purpose'> & { category: string },
): RequiredElement[] {
  return isDisclosureCategory(disclosure.category) && isAccountable(disclosure.category) ? requiredElementsMissing(disclosure) : [];
}

/** The elements of 164.528(b)(2) a disclosure lacks (the category is checked separately). */
export function requiredElementsMissing(
  disclosure: Pick<Disclosure, 'disclosedOn' | 'recipientName' | 'description' | 'purpose'>,
): RequiredElement[] {
  const missing: RequiredElement[] = [];
  if (!isIsoDate(disclosure.disclosedOn)) missing.push('disclosedOn');
  if (blank(disclosure.recipientName)) missing.push('recipientName');
  if (blank(disclosure.description)) missing.push('description');
  if (blank(disclosure.purpose)) missing.push('purpose');
  return missing;
}

/** The agency a disclosure went to: the named agency, or else the recipient itself ('' when neither is known). */
function agencyOf(disclosure: Disclosure): string {
  if (!blank(disclosure.recipientAgency)) return normalise(disclosure.recipientAgency as string);
  return blank(disclosure.recipientName) ? '' : normalise(disclosure.recipientName);
}

/** Case- and spacing-insensitive form used to match recipients, purposes and agencies. */
function normalise(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}

function blank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isIsoDate(value: unknown): value is string {
  // addCalendarDays normalises an impossible date (2026-02-30) to a real one, so a round trip tells them apart.
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && addCalendarDays(value, 0) === value;
}

function assertIsoDate(value: string, field: string): void {
  if (!isIsoDate(value)) {
    throw new DomainError('INVALID_INPUT', `${field} must be an ISO calendar date (YYYY-MM-DD).`, [
      { field, message: 'must be an ISO calendar date (YYYY-MM-DD)' },
    ]);
  }
}
