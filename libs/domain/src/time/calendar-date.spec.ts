import { addCalendarDays, calendarDateIn, daysBetween, endOfDayIn } from './calendar-date.js';

describe('calendar dates in the organisation time zone', () => {
  it('takes the date where the clinic is, not in UTC (a late-evening receipt stays on its day)', () => {
    // 23:30 in New York on 9 Feb is 04:30 UTC on 10 Feb.
    expect(calendarDateIn(new Date('2026-02-10T04:30:00Z'), 'America/New_York')).toBe('2026-02-09');
    expect(calendarDateIn(new Date('2026-02-10T04:30:00Z'), 'UTC')).toBe('2026-02-10');
  });

  it('counts calendar days across months, leap days and years, with no weekend roll-forward', () => {
    expect(addCalendarDays('2026-01-10', 30)).toBe('2026-02-09');
    expect(addCalendarDays('2028-02-15', 30)).toBe('2028-03-16');
    expect(addCalendarDays('2026-12-15', 30)).toBe('2027-01-14');
    // 2026-03-14 is a Saturday: it stays a Saturday.
    expect(addCalendarDays('2026-02-12', 30)).toBe('2026-03-14');
    expect(daysBetween('2026-01-10', '2026-02-09')).toBe(30);
    expect(daysBetween('2026-02-09', '2026-01-10')).toBe(-30);
  });

  it('ends a due date at the last instant of that day in the zone, across DST changes', () => {
    expect(endOfDayIn('2026-02-09', 'America/New_York').toISOString()).toBe('2026-02-10T04:59:59.999Z');
    expect(endOfDayIn('2026-07-09', 'America/New_York').toISOString()).toBe('2026-07-10T03:59:59.999Z');
    // 8 March 2026: clocks go forward at 02:00 in New York; the day ends at EDT.
    expect(endOfDayIn('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-09T03:59:59.999Z');
    expect(endOfDayIn('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-02T04:59:59.999Z');
  });

  it('refuses a malformed date', () => {
    expect(() => addCalendarDays('02/09/2026', 1)).toThrow(RangeError);
  });
});
