import { addBusinessDays, federalHolidays, isBusinessDay } from './us-federal-holidays.js';

describe('US federal holidays (5 U.S.C. 6103)', () => {
  it('lists the eleven observed holidays of 2026, with July 4 (a Saturday) observed on Friday 3 July (5 U.S.C. 6103)', () => {
    expect(federalHolidays(2026)).toEqual([
      '2026-01-01', // New Year's Day
      '2026-01-19', // Martin Luther King Jr., 3rd Monday of January
      '2026-02-16', // Washington's Birthday, 3rd Monday of February
      '2026-05-25', // Memorial Day, last Monday of May
      '2026-06-19', // Juneteenth
      '2026-07-03', // Independence Day, observed
      '2026-09-07', // Labor Day, 1st Monday of September
      '2026-10-12', // Columbus Day, 2nd Monday of October
      '2026-11-11', // Veterans Day
      '2026-11-26', // Thanksgiving, 4th Thursday of November
      '2026-12-25', // Christmas Day
    ]);
  });

  it('observes a Sunday holiday on the Monday after (5 U.S.C. 6103(b)(1))', () => {
    expect(federalHolidays(2023)).toContain('2023-01-02');
    expect(federalHolidays(2023)).not.toContain('2023-01-01');
    expect(federalHolidays(2027)).toContain('2027-07-05');
  });

  it('observes a Saturday New Year on 31 December of the year before, listed under that year (5 U.S.C. 6103(b)(1))', () => {
    // 2022-01-01 and 2021-12-25 were Saturdays; 2021-06-19 was a Saturday too.
    expect(federalHolidays(2021)).toEqual(expect.arrayContaining(['2021-06-18', '2021-12-24', '2021-12-31']));
    expect(federalHolidays(2022)).not.toContain('2021-12-31');
    expect(federalHolidays(2022)).not.toContain('2022-01-01');
    expect(federalHolidays(2022)).toHaveLength(10);
  });

  it('has no Juneteenth before it became a federal holiday in 2021 (5 U.S.C. 6103(a))', () => {
    expect(federalHolidays(2020)).not.toContain('2020-06-19');
    expect(federalHolidays(2020)).toHaveLength(10);
  });

  it('counts weekdays that are not federal holidays as business days (5 U.S.C. 6103)', () => {
    expect(isBusinessDay('2026-07-03')).toBe(false); // observed Independence Day
    expect(isBusinessDay('2026-07-04')).toBe(false); // Saturday
    expect(isBusinessDay('2026-07-05')).toBe(false); // Sunday
    expect(isBusinessDay('2026-07-06')).toBe(true);
    expect(isBusinessDay('2026-11-26')).toBe(false); // Thanksgiving
    expect(isBusinessDay('2026-11-27')).toBe(true); // the day after is not a federal holiday
    expect(isBusinessDay('2021-12-31')).toBe(false); // New Year 2022, observed
  });

  it('adds business days after the start date, skipping weekends, Thanksgiving, Christmas and New Year (5 U.S.C. 6103)', () => {
    expect(addBusinessDays('2026-01-10', 1)).toBe('2026-01-12'); // a Saturday receipt: Monday is day 1
    expect(addBusinessDays('2026-11-20', 15)).toBe('2026-12-14');
    expect(addBusinessDays('2026-12-10', 15)).toBe('2027-01-04');
    expect(addBusinessDays('2026-07-02', 1)).toBe('2026-07-06');
    expect(addBusinessDays('2026-07-04', 0)).toBe('2026-07-04');
  });

  it('refuses a negative or fractional count and a malformed date', () => {
    expect(() => addBusinessDays('2026-01-10', -1)).toThrow(RangeError);
    expect(() => addBusinessDays('2026-01-10', 1.5)).toThrow(RangeError);
    expect(() => addBusinessDays('01/10/2026', 1)).toThrow(RangeError);
    expect(() => isBusinessDay('2026-1-10')).toThrow(RangeError);
  });
});
