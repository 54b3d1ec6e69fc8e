/**
 * Computes a request's due date from the rule table (deadline-rules.ts) and checks
 * extensions. Reference: /work/shared/design/hipaa-rights.md §0 (counting), §11
 * (table), §12 (NPRM overlay), §13 (state laws: the earliest applicable deadline wins).
 */
import { addCalendarDays, calendarDateIn, daysBetween, endOfDayIn } from '../time/calendar-date.js';
import { DEADLINE_RULES, type DayCount, type DeadlineRule, type RequestTypeName } from './deadline-rules.js';
import { addBusinessDays, isBusinessDay } from './us-federal-holidays.js';

export interface DeadlineQuery {
  type: RequestTypeName;
  /** The instant the clinic received the request. */
  receivedAt: Date;
  /** Organisation IANA zone; days are counted in its calendar. */
  timeZone: string;
  /** e.g. 'US-CA'. */
  jurisdiction?: string | null;
  /** Opt-in overlays switched on, e.g. ['hhs-nprm-2021']. */
  overlays?: readonly string[];
  /** For access requests; a missing scope means copy, the usual request. */
  accessScope?: 'inspect' | 'copy' | 'both' | null;
}

export interface DeadlineCandidate {
  ruleId: string;
  dueOn: string;
  kind: 'legal' | 'policy';
  citation: string;
  // Carried so that a stored deadline can be explained without the rule table it came from.
  title: string;
  count: DayCount;
  extension: DayCount | null;
  /** This rule's own latest date with its extension; null if it allows none. */
  extensionMaxOn: string | null;
}

export interface Deadline {
  /** ISO date of receipt in the zone. */
  receivedOn: string;
  /** The zone the days were counted in. */
  timeZone: string;
  /** Governing (earliest) due date, ISO. */
  dueOn: string;
  /** End of dueOn in the zone. */
  dueAt: Date;
  ruleId: string;
  ruleTitle: string;
  citation: string;
  kind: 'legal' | 'policy';
  /** Latest date an extension may set, across every applicable rule; null if no extension. */
  extensionMaxOn: string | null;
  /** Every applicable rule with its date, earliest first. */
  candidates: DeadlineCandidate[];
}

export type ExtensionRefusalCode = 'ALREADY_EXTENDED' | 'PAST_DUE' | 'BEYOND_LEGAL_MAXIMUM' | 'NOT_EXTENDABLE' | 'NOT_LATER';

export type ExtensionCheck = { ok: true } | { ok: false; code: ExtensionRefusalCode; message: string };

/**
 * The governing deadline for a request. `rules` defaults to the reviewed table;
 * passing another lets tests and what-if views try a change of law.
 */
export function computeDeadline(query: DeadlineQuery, rules: readonly DeadlineRule[] = DEADLINE_RULES): Deadline {
  if (!(query.receivedAt instanceof Date) || Number.isNaN(query.receivedAt.getTime())) {
    throw new RangeError('receivedAt must be a valid instant');
  }
  const receivedOn = calendarDateIn(query.receivedAt, query.timeZone);
  const applicable = rules.map((rule, index) => ({ rule, index })).filter(({ rule }) => applies(rule, query, receivedOn));
  if (applicable.length === 0) {
    throw new RangeError(`no deadline rule applies to a ${query.type} request received ${receivedOn}`);
  }

  const candidates = applicable
    .map(({ rule, index }) => ({ candidate: candidateFor(rule, receivedOn), rule, index }))
    .sort((a, b) => compareCandidates(a, b))
    .map(({ candidate }) => candidate);
  const governing = candidates[0];

  return {
    receivedOn,
    timeZone: query.timeZone,
    dueOn: governing.dueOn,
    dueAt: endOfDayIn(governing.dueOn, query.timeZone),
    ruleId: governing.ruleId,
    ruleTitle: governing.title,
    citation: governing.citation,
    kind: governing.kind,
    extensionMaxOn: governingExtensionMax(governing, candidates),
    candidates,
  };
}

/** Plain sentences for a privacy officer: every candidate, which governs, and the extension room. */
export function explainDeadline(deadline: Deadline): string[] {
  const lines = [`Received ${deadline.receivedOn} (${deadline.timeZone}); days are counted from the next day on that calendar.`];
  for (const candidate of deadline.candidates) {
    const extension = candidate.extensionMaxOn ? ` One extension is allowed, to ${candidate.extensionMaxOn} at the latest.` : '';
    lines.push(`${candidate.title}, ${candidate.citation}: ${describeCount(candidate.count)}, so due ${candidate.dueOn}.${extension}`);
  }

  const governedBy = `${deadline.ruleTitle} (${deadline.citation})`;
  lines.push(
    deadline.candidates.length > 1
      ? `The earliest applies: due ${deadline.dueOn} under ${governedBy}, by the end of that day in ${deadline.timeZone}.`
      : `Due ${deadline.dueOn} under ${governedBy}, by the end of that day in ${deadline.timeZone}.`,
  );

  const governing = deadline.candidates.find((candidate) => candidate.ruleId === deadline.ruleId);
  if (governing?.count.unit === 'calendar') {
    // HIPAA counts calendar days and never rolls forward (reference §0); officers often assume it does.
    lines.push(
      isBusinessDay(deadline.dueOn)
        ? 'These are calendar days: a due date on a weekend or holiday is not moved to the next business day.'
        : `${deadline.dueOn} is ${nonBusinessDayName(deadline.dueOn)}, and it stays the due date: calendar-day deadlines are not moved to the next business day.`,
    );
  }
  if (deadline.kind === 'policy') {
    lines.push("This is the clinic's own policy target, not a legal deadline: the regulation sets none for this request.");
  }
  lines.push(
    deadline.extensionMaxOn
      ? `One extension is allowed: the written notice, with the reasons and the new date, must go out on or before ${deadline.dueOn}, and the new date may be no later than ${deadline.extensionMaxOn}.`
      : governing?.extensionMaxOn
        ? 'No extension is available: another applicable rule that allows none falls due the same day.'
        : 'No extension is available: the governing rule allows none.',
  );
  return lines;
}

/**
 * Whether an extension to `requestedDueOn` may be granted today. One extension
 * ever, notified on or before the due date in force, to a later date no further
 * than every applicable rule allows (45 CFR 164.524(b)(2)(ii), 164.526(b)(2)(ii),
 * 164.528(c)(1)(ii); reference §0).
 */
export function checkExtension(
  deadline: Deadline,
  extension: { requestedDueOn: string; today: string; alreadyExtended: boolean },
): ExtensionCheck {
  const { requestedDueOn, today, alreadyExtended } = extension;
  if (alreadyExtended) {
    return refuse('ALREADY_EXTENDED', 'This request has already been extended once; only one extension is allowed.');
  }
  if (deadline.extensionMaxOn === null) {
    return refuse('NOT_EXTENDABLE', `The governing rule (${deadline.citation}) allows no extension.`);
  }
  if (daysBetween(deadline.dueOn, today) > 0) {
    return refuse('PAST_DUE', `An extension must be notified on or before the due date ${deadline.dueOn}; today is ${today}.`);
  }
  if (daysBetween(deadline.dueOn, requestedDueOn) <= 0) {
    return refuse('NOT_LATER', `The new due date ${requestedDueOn} must be later than the current due date ${deadline.dueOn}.`);
  }
  if (daysBetween(deadline.extensionMaxOn, requestedDueOn) > 0) {
    return refuse(
      'BEYOND_LEGAL_MAXIMUM',
      `The new due date ${requestedDueOn} is after ${deadline.extensionMaxOn}, the latest date the applicable rules allow.`,
    );
  }
  return { ok: true };
}

function applies(rule: DeadlineRule, query: DeadlineQuery, receivedOn: string): boolean {
  if (!rule.appliesTo.includes(query.type)) return false;
  if (rule.jurisdiction !== null && rule.jurisdiction.toUpperCase() !== query.jurisdiction?.toUpperCase()) return false;
  if (rule.overlay !== null && !(query.overlays ?? []).includes(rule.overlay)) return false;
  // The rule in force on the receipt date governs the whole request (reference §12).
  if (rule.effectiveFrom !== null && daysBetween(rule.effectiveFrom, receivedOn) < 0) return false;
  if (rule.effectiveUntil !== null && daysBetween(receivedOn, rule.effectiveUntil) < 0) return false;
  if (rule.accessScope !== undefined) {
    const scope = query.accessScope ?? 'copy';
    // An electronic copy is a copy: the query does not say the format, so the stricter rule is kept.
    const ruleScope = rule.accessScope === 'inspect' ? 'inspect' : 'copy';
    if (scope !== 'both' && scope !== ruleScope) return false;
  }
  return true;
}

function candidateFor(rule: DeadlineRule, receivedOn: string): DeadlineCandidate {
  const dueOn = addCount(receivedOn, rule.count);
  return {
    ruleId: rule.id,
    dueOn,
    kind: rule.kind,
    citation: rule.citation,
    title: rule.title,
    count: rule.count,
    extension: rule.extension,
    extensionMaxOn: rule.extension ? addCount(dueOn, rule.extension) : null,
  };
}

// Calendar days never roll forward to a business day (reference §0).
function addCount(date: string, count: DayCount): string {
  return count.unit === 'calendar' ? addCalendarDays(date, count.days) : addBusinessDays(date, count.days);
}

type Ranked = { candidate: DeadlineCandidate; rule: DeadlineRule; index: number };

// Earliest first; on a tie, legal before policy and the HIPAA floor before overlays,
// then table order, so the same query always names the same governing rule.
function compareCandidates(a: Ranked, b: Ranked): number {
  return (
    daysBetween(b.candidate.dueOn, a.candidate.dueOn) ||
    rank(a.candidate.kind === 'legal') - rank(b.candidate.kind === 'legal') ||
    rank(isHipaaFloor(a.rule)) - rank(isHipaaFloor(b.rule)) ||
    a.index - b.index
  );
}

function rank(preferred: boolean): number {
  return preferred ? 0 : 1;
}

function isHipaaFloor(rule: DeadlineRule): boolean {
  return rule.kind === 'legal' && rule.jurisdiction === null && rule.overlay === null;
}

/**
 * One extension notice has to satisfy every applicable rule at once, so the latest
 * date it may set is the earliest of each rule's own limit: base + extension for an
 * extendable rule, and the plain due date for a rule that allows none (a Texas
 * 15-business-day copy deadline still binds when the NPRM's 15+15 governs).
 */
function governingExtensionMax(governing: DeadlineCandidate, candidates: readonly DeadlineCandidate[]): string | null {
  if (governing.extensionMaxOn === null) return null;
  const limit = candidates
    .map((candidate) => candidate.extensionMaxOn ?? candidate.dueOn)
    .reduce((earliest, date) => (daysBetween(earliest, date) < 0 ? date : earliest));
  return daysBetween(governing.dueOn, limit) > 0 ? limit : null;
}

function describeCount(count: DayCount): string {
  const days = `${count.days} ${count.unit} day${count.days === 1 ? '' : 's'}`;
  return count.unit === 'business' ? `${days} (weekends and US federal holidays excluded)` : days;
}

function nonBusinessDayName(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0) return 'a Sunday';
  if (weekday === 6) return 'a Saturday';
  return 'a US federal holiday';
}

function refuse(code: ExtensionRefusalCode, message: string): ExtensionCheck {
  return { ok: false, code, message };
}
