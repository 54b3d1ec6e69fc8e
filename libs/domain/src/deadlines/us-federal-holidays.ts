/**
 * US federal holidays (5 U.S.C. 6103) and business-day counting. State access laws
 * that count "business" or "working" days (reference §13: Texas, Washington,
 * California inspection) are counted here with weekends and federal holidays
 * excluded; HIPAA itself counts calendar days and never uses this (reference §0).
 */
import { addCalendarDays } from '../time/calendar-date.js';

/**
 * The observed dates of the federal holidays that fall within `year`, sorted.
 * A holiday on a Saturday is observed the Friday before, on a Sunday the Monday
 * after. The list holds dates *in* `year`: when 1 January falls on a Saturday,
 * it is observed on 31 December of the year before, so that date is listed under
 * the earlier year (and `isBusinessDay` finds it by the date's own year).
 */
export function federalHolidays(year: number): string[] {
  if (!Number.isInteger(year) || year < 1900 || year > 9998) throw new RangeError(`unsupported year: ${year}`);
  const holidays = [
    observed(isoDate(year, 1, 1)),
    nthWeekdayOf(year, 1, MONDAY, 3), // Martin Luther King Jr.
    nthWeekdayOf(year, 2, MONDAY, 3), // Washington's Birthday
    lastWeekdayOf(year, 5, MONDAY), // Memorial Day
    // Juneteenth became a federal holiday on 2021-06-17 and was first observed that year.
    ...(year >= 2021 ? [observed(isoDate(year, 6, 19))] : []),
    observed(isoDate(year, 7, 4)),
    nthWeekdayOf(year, 9, MONDAY, 1), // Labor Day
    nthWeekdayOf(year, 10, MONDAY, 2), // Columbus Day
    observed(isoDate(year, 11, 11)), // Veterans Day
    nthWeekdayOf(year, 11, THURSDAY, 4), // Thanksgiving
    observed(isoDate(year, 12, 25)),
    // Next year's New Year's Day, observed on 31 December when it falls on a Saturday.
    observed(isoDate(year + 1, 1, 1)),
  ];
  return [...new Set(holidays.filter((date) => date.startsWith(`${year}-`)))].sort();
}

/** Monday to Friday and not an observed US federal holiday. */
export function isBusinessDay(isoDateString: string): boolean {
  const weekday = weekdayOf(isoDateString);
  if (weekday === SATURDAY || weekday === SUNDAY) return false;
  return !holidaySet(Number(isoDateString.slice(0, 4))).has(isoDateString);
}

/**
 * The `n`th business day after `isoDateString` (which itself never counts, so a
 * request received on a Saturday has the following Monday as business day 1).
 * `n = 0` returns the date unchanged.
 */
export function addBusinessDays(isoDateString: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`business days must be a whole number ≥ 0: ${n}`);
  let date = addCalendarDays(isoDateString, 0); // validates the format
  for (let counted = 0; counted < n;) {
    date = addCalendarDays(date, 1);
    if (isBusinessDay(date)) counted += 1;
  }
  return date;
}

const SUNDAY = 0;
const MONDAY = 1;
const THURSDAY = 4;
const SATURDAY = 6;

// Counting walks day by day, so the per-year sets are cached.
const cache = new Map<number, ReadonlySet<string>>();
function holidaySet(year: number): ReadonlySet<string> {
  let set = cache.get(year);
  if (!set) {
    set = new Set(federalHolidays(year));
    cache.set(year, set);
  }
  return set;
}

function observed(date: string): string {
  const weekday = weekdayOf(date);
  if (weekday === SATURDAY) return addCalendarDays(date, -1);
  if (weekday === SUNDAY) return addCalendarDays(date, 1);
  return date;
}

function nthWeekdayOf(year: number, month: number, weekday: number, nth: number): string {
  const first = isoDate(year, month, 1);
  const offset = (weekday - weekdayOf(first) + 7) % 7;
  return addCalendarDays(first, offset + 7 * (nth - 1));
}

function lastWeekdayOf(year: number, month: number, weekday: number): string {
  const last = addCalendarDays(isoDate(year, month + 1, 1), -1);
  const offset = (weekdayOf(last) - weekday + 7) % 7;
  return addCalendarDays(last, -offset);
}

function weekdayOf(date: string): number {
  // addCalendarDays validates the ISO format before Date parses it as UTC midnight.
  return new Date(`${addCalendarDays(date, 0)}T00:00:00Z`).getUTCDay();
}

function isoDate(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}
