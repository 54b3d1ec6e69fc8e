/**
 * Staff reminders and escalations for one open request: which are due, and at
 * what instant. Pure: the caller passes the facts, the policy and an upper bound,
 * stores each step's `key` so it is sent once, and drops the ones already past.
 *
 * Rules, each with its reason (reference: /work/shared/design/hipaa-rights.md §0, §2.3):
 *
 * - Nothing when the legal clock is not running (`clockRunning` false). A paused or
 *   stopped request owes the patient nothing by a date, so chasing staff would be noise.
 * - Every step fires at the policy's `sendAt` local time in the organisation's zone,
 *   except `overdue`. HIPAA counts calendar days where the clinic is (§0), so a
 *   reminder "3 days before" is about that zone's calendar, and 08:00 means 08:00 on
 *   the office wall clock in winter and summer alike: the UTC instant moves with DST.
 * - `due_in_N` for each offset N at `sendAt` on dueOn − N days; offsets may come in any
 *   order and with repeats, and give one step each. The received date is not known
 *   here, so a reminder that would fall before receipt is still produced; the caller
 *   drops past ones.
 * - `due_today` at `sendAt` on dueOn: the last day on which acting is on time.
 * - `extension_decision`, only while an extension is available and unused, at `sendAt`
 *   on originalDueOn − 5 days. An extension is valid only if a written notice with the
 *   reasons and the new date goes out before the original due date
 *   (45 CFR 164.524(b)(2)(ii), 164.526(b)(2)(ii), 164.528(c)(1)(ii)); five days leaves a
 *   working week to decide, write and send it even when the due date follows a
 *   weekend. Once extended there is nothing left to decide. Its key uses originalDueOn.
 * - `overdue` (assignee) at endOfDayIn(dueOn) + 1 second: strictly after the due date
 *   has ended in the zone, whatever the hour, because the breach is at that moment, not
 *   at the next office hour.
 * - `overdue_officers` (privacy officers) at `sendAt` on dueOn + 1 day: the privacy
 *   official is responsible for carrying out the clinic's privacy procedures
 *   (45 CFR 164.530(a)(1)(i)), so a missed legal deadline reaches them the next morning.
 * - `overdue_admins_N` (admins) for N = 1, 2, … at `sendAt` on dueOn + 1 + N days, daily
 *   for as long as the request stays overdue; hence the `until` bound.
 * - Steps whose fireAt is after `until` are left out; nothing is filtered by "now",
 *   since only the caller knows what has been sent.
 * - Keys are `${step}:${dueOn}`, so an extension (a new dueOn) starts a fresh series
 *   while the steps already sent for the original date stay sent.
 */
import { addCalendarDays, endOfDayIn, offsetMinutes } from '../time/calendar-date.js';

export interface ReminderPolicy {
  /** Days before the due date to remind the assignee, e.g. [7, 3, 1]; positive integers, any order. */
  offsetsDays: readonly number[];
  /** 'HH:MM', 24-hour, local time in `timeZone`. */
  sendAt: string;
  /** IANA zone of the organisation. */
  timeZone: string;
}

export interface ReminderFacts {
  /** ISO date: the governing due date (after an extension, the extended one). */
  dueOn: string;
  /** ISO date: the due date before any extension. */
  originalDueOn: string;
  extended: boolean;
  /** The request's type allows one extension and it has not been used (the caller knows from the machine). */
  extensionAvailable: boolean;
  /** The legal clock is running (the request is owed an answer). */
  clockRunning: boolean;
}

export type ReminderAudience = 'assignee' | 'privacy_officers' | 'admins';

export interface ReminderStep {
  /** Stable name: 'due_in_7', 'due_in_3', 'due_in_1', 'due_today', 'extension_decision', 'overdue', 'overdue_officers', 'overdue_admins_1', 'overdue_admins_2', ... */
  step: string;
  /** 'assignee' for due_in_*, due_today, extension_decision and overdue (the caller falls back to privacy officers when unassigned). */
  audience: ReminderAudience;
  /** The instant. */
  fireAt: Date;
  /** The due date it is about. */
  dueOn: string;
  /** Unique per request: `${step}:${dueOn}`; the caller stores it so a reminder is sent once. */
  key: string;
}

/** Days before the original due date at which the assignee is asked to decide on an extension. */
export const EXTENSION_DECISION_LEAD_DAYS = 5;

/** `overdue` fires this long after the last instant of the due date (endOfDayIn is 23:59:59.999). */
const OVERDUE_AFTER_MS = 1000;

const DAY_MS = 86_400_000;

/**
 * Every step for the current due date whose fireAt is at or before `until`
 * (escalation to admins repeats daily, so an upper bound is needed). Sorted by
 * fireAt. Empty when !clockRunning.
 */
export function reminderSchedule(facts: ReminderFacts, policy: ReminderPolicy, until: Date): ReminderStep[] {
  if (!(until instanceof Date) || Number.isNaN(until.getTime())) throw new RangeError('until must be a valid instant');
  if (!facts.clockRunning) return [];
  for (const offset of policy.offsetsDays) {
    if (!Number.isInteger(offset) || offset <= 0) {
      throw new RangeError(`reminder offsets must be positive whole days: ${offset}`);
    }
  }
  if (!facts.extended && facts.dueOn !== facts.originalDueOn) {
    throw new RangeError(`an unextended request must have dueOn equal to originalDueOn: ${facts.dueOn} vs ${facts.originalDueOn}`);
  }

  const { dueOn } = facts;
  const at = (date: string) => instantAtLocalTime(date, policy.sendAt, policy.timeZone);
  const step = (name: string, audience: ReminderAudience, fireAt: Date, about: string = dueOn): ReminderStep => ({
    step: name,
    audience,
    fireAt,
    dueOn: about,
    key: `${name}:${about}`,
  });

  const steps: ReminderStep[] = [];
  const offsets = [...new Set(policy.offsetsDays)].sort((a, b) => b - a);
  for (const offset of offsets) steps.push(step(`due_in_${offset}`, 'assignee', at(addCalendarDays(dueOn, -offset))));
  steps.push(step('due_today', 'assignee', at(dueOn)));
  if (facts.extensionAvailable && !facts.extended) {
    const decideOn = addCalendarDays(facts.originalDueOn, -EXTENSION_DECISION_LEAD_DAYS);
    steps.push(step('extension_decision', 'assignee', at(decideOn), facts.originalDueOn));
  }
  steps.push(step('overdue', 'assignee', new Date(endOfDayIn(dueOn, policy.timeZone).getTime() + OVERDUE_AFTER_MS)));
  steps.push(step('overdue_officers', 'privacy_officers', at(addCalendarDays(dueOn, 1))));
  for (let n = 1; ; n += 1) {
    const fireAt = at(addCalendarDays(dueOn, 1 + n));
    if (fireAt.getTime() > until.getTime()) break;
    steps.push(step(`overdue_admins_${n}`, 'admins', fireAt));
  }

  // Array.prototype.sort is stable: equal instants keep the order above.
  return steps.filter((s) => s.fireAt.getTime() <= until.getTime()).sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime());
}

/**
 * `date` at local `time` in `timeZone` as an instant; a local time skipped by a
 * DST jump moves forward by the jump (02:30 on a spring-forward day -> 03:30); a
 * repeated one takes the first occurrence.
 */
export function instantAtLocalTime(date: string, time: string, timeZone: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || addCalendarDays(date, 0) !== date) throw new RangeError(`not an ISO date: ${date}`);
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`not a local time HH:MM: ${time}`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  // The wall-clock reading written as if it were UTC; an instant t shows it when t + offset(t) equals this.
  const wall = Date.UTC(year, month - 1, day, Number(match[1]), Number(match[2]));

  // The zone's offsets a day either side bracket any change near this wall time.
  const before = offsetMinutes(new Date(wall - DAY_MS), timeZone);
  const after = offsetMinutes(new Date(wall + DAY_MS), timeZone);
  const candidates = [wall - before * 60_000, wall - after * 60_000]
    .filter((instant) => instant + offsetMinutes(new Date(instant), timeZone) * 60_000 === wall)
    .sort((a, b) => a - b);
  // Two readings (a repeated hour): the first. None (a skipped hour): read the time
  // with the offset in force before the jump, which lands the jump's length later.
  return new Date(candidates[0] ?? wall - before * 60_000);
}
