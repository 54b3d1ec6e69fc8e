/**
 * Calendar dates in the organisation's time zone. HIPAA clocks run in
 * calendar days from the day a request was received where the clinic is,
 * so "received at 23:30 in New York" is that New York date, not the UTC one.
 */

// Building an Intl.DateTimeFormat costs far more than using one: keep one per zone.
const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();
const TIME_FORMATS = new Map<string, Intl.DateTimeFormat>();

function formatter(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) {
    format = make();
    cache.set(timeZone, format);
  }
  return format;
}

/** The ISO date (YYYY-MM-DD) of `instant` as seen on a wall calendar in `timeZone`. */
export function calendarDateIn(instant: Date, timeZone: string): string {
  const parts = formatter(
    DATE_FORMATS,
    timeZone,
    () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  ).formatToParts(instant);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `date` plus `days` calendar days (negative allowed); ISO in, ISO out. */
export function addCalendarDays(date: string, days: number): string {
  const [year, month, day] = parseIsoDate(date);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return shifted.toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parseIsoDate(from);
  const [y2, m2, d2] = parseIsoDate(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/**
 * The last instant of `date` in `timeZone` (23:59:59.999 local), which is
 * when a deadline falling on that date expires.
 */
export function endOfDayIn(date: string, timeZone: string): Date {
  const [year, month, day] = parseIsoDate(date);
  // Start from the UTC end of day and correct by the zone's offset at that moment;
  // a second pass settles days on which the offset changes (DST).
  let guess = Date.UTC(year, month - 1, day, 23, 59, 59, 999);
  for (let pass = 0; pass < 2; pass += 1) {
    guess = Date.UTC(year, month - 1, day, 23, 59, 59, 999) - offsetMinutes(new Date(guess), timeZone) * 60_000;
  }
  return new Date(guess);
}

/** The zone's offset from UTC at `instant`, in minutes (New York in winter: -300). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = formatter(
    TIME_FORMATS,
    timeZone,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
  ).formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

function parseIsoDate(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not an ISO date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}
