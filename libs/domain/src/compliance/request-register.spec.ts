import { REQUEST_TYPES } from '../requests/request-types.js';
import { addCalendarDays } from '../time/calendar-date.js';
import { RegisterTally, registerOutcome, registerRow, type RegisterRequest, type TypeFigures } from './request-register.js';

const AS_OF = '2026-04-10';
const PERIOD = { from: '2026-01-01', to: '2026-03-31' };

function request(
  reference: string,
  type: string,
  receivedOn: string,
  dueOn: string,
  closedOn: string | null,
  status: string,
  originalDueOn = dueOn,
): RegisterRequest {
  return {
    reference,
    type,
    status,
    open: closedOn === null,
    receivedOn,
    dueOn,
    originalDueOn,
    extended: dueOn !== originalDueOn,
    closedOn,
  };
}

/**
 * Twelve synthetic requests, January to March 2026, judged on 10 April 2026.
 * Days to close and lateness are worked out by hand in the comments.
 */
const FIXTURE: RegisterRequest[] = [
  // Access: 30 calendar days (45 CFR 164.524(b)(2)).
  request('PR-T-001', 'access', '2026-01-05', '2026-02-04', '2026-01-20', 'fulfilled'), // 15 days, on time
  request('PR-T-002', 'access', '2026-01-12', '2026-02-11', '2026-02-11', 'fulfilled'), // 30 days, on the due date: on time
  request('PR-T-003', 'access', '2026-02-02', '2026-03-04', '2026-03-05', 'denied'), // 31 days, 1 day late
  request('PR-T-004', 'access', '2026-02-20', '2026-04-21', '2026-04-08', 'fulfilled', '2026-03-22'), // extended; 47 days, on time
  request('PR-T-005', 'access', '2026-03-03', '2026-04-02', null, 'in_progress'), // open, 8 days overdue on 10 April
  // Amendment: 60 calendar days (45 CFR 164.526(b)(2)).
  request('PR-T-006', 'amendment', '2026-01-08', '2026-03-09', '2026-02-17', 'accepted'), // 40 days, on time
  request('PR-T-007', 'amendment', '2026-01-26', '2026-03-27', '2026-03-30', 'denied'), // 63 days, 3 days late
  request('PR-T-008', 'amendment', '2026-03-16', '2026-05-15', null, 'received'), // open, not yet due
  // Accounting: 60 calendar days (45 CFR 164.528(c)(1)).
  request('PR-T-009', 'accounting', '2026-01-15', '2026-03-16', '2026-02-04', 'provided'), // 20 days, on time
  request('PR-T-010', 'accounting', '2026-02-10', '2026-04-11', '2026-03-02', 'provided'), // 20 days, on time
  request('PR-T-011', 'accounting', '2026-03-05', '2026-05-04', '2026-03-12', 'provided'), // 7 days, on time
  request('PR-T-012', 'accounting', '2026-01-20', '2026-04-20', null, 'extended', '2026-03-21'), // extended, open, not yet due
];

const ZERO = { received: 0, closed: 0, onTime: 0, late: 0, onTimeRate: null, medianDaysToClose: null, open: 0, overdue: 0 };

function tally(requests: RegisterRequest[]): RegisterTally {
  const result = new RegisterTally(PERIOD, AS_OF);
  for (const item of requests) result.add(registerRow(item, AS_OF));
  return result;
}

describe('request register rows: on time or late against the governing due date', () => {
  it('the fixture due dates are the rules’ calendar-day deadlines (45 CFR 164.524(b)(2), 164.526(b)(2), 164.528(c)(1))', () => {
    const days: Record<string, number> = { access: 30, amendment: 60, accounting: 60 };
    for (const item of FIXTURE) {
      expect(item.originalDueOn).toBe(addCalendarDays(item.receivedOn, days[item.type]));
      if (item.extended) expect(item.dueOn).toBe(addCalendarDays(item.originalDueOn, 30));
    }
  });

  it('counts a request closed on its due date as on time (45 CFR 164.524(b)(2): "no later than")', () => {
    expect(registerRow(FIXTURE[1], AS_OF)).toMatchObject({ onTime: true, daysLate: 0, daysToClose: 30 });
    expect(registerOutcome(registerRow(FIXTURE[1], AS_OF))).toBe('on_time');
  });

  it('counts a request closed a day after its due date as 1 day late (45 CFR 164.524(b)(2))', () => {
    expect(registerRow(FIXTURE[2], AS_OF)).toMatchObject({ onTime: false, daysLate: 1, daysToClose: 31 });
    expect(registerOutcome(registerRow(FIXTURE[2], AS_OF))).toBe('late');
  });

  it('counts an open request past its due date as late by the days to today (45 CFR 164.524(b)(2))', () => {
    expect(registerRow(FIXTURE[4], AS_OF)).toMatchObject({ onTime: false, daysLate: 8, daysToClose: null });
    expect(registerOutcome(registerRow(FIXTURE[4], AS_OF))).toBe('overdue');
    // On its due date it is not yet late.
    expect(registerRow(FIXTURE[4], '2026-04-02')).toMatchObject({ onTime: null, daysLate: null });
    expect(registerRow(FIXTURE[4], '2026-04-03')).toMatchObject({ onTime: false, daysLate: 1 });
  });

  it('leaves an open request not yet due undecided (45 CFR 164.526(b)(2))', () => {
    const row = registerRow(FIXTURE[7], AS_OF);
    expect(row).toMatchObject({ onTime: null, daysLate: null, daysToClose: null });
    expect(registerOutcome(row)).toBe('not_yet_due');
  });

  it('judges an extended request against the extended date, not the original (45 CFR 164.524(b)(2), 164.528(c)(1))', () => {
    // Closed 17 days after the original date, 13 before the extended one.
    expect(registerRow(FIXTURE[3], AS_OF)).toMatchObject({ extended: true, onTime: true, daysLate: 0, daysToClose: 47 });
    // Open: past the original date (21 March) but not the extended one (20 April).
    expect(registerRow(FIXTURE[11], AS_OF)).toMatchObject({ extended: true, onTime: null, daysLate: null });
    // Closed after the extended date: late, counted from the extended date.
    expect(registerRow({ ...FIXTURE[3], closedOn: '2026-04-24' }, AS_OF)).toMatchObject({ onTime: false, daysLate: 3, daysToClose: 63 });
  });

  it('counts calendar days across a month end with no weekend roll-forward (45 CFR 164.524(b)(2))', () => {
    // Due Saturday 28 February 2026, closed Monday 2 March: 2 days late.
    const row = registerRow(request('PR-T-100', 'access', '2026-01-29', '2026-02-28', '2026-03-02', 'fulfilled'), AS_OF);
    expect(row).toMatchObject({ onTime: false, daysLate: 2, daysToClose: 32 });
  });

  it('keeps every field of the request on the row', () => {
    expect(registerRow(FIXTURE[3], AS_OF)).toMatchObject(FIXTURE[3]);
  });

  it('refuses a closed request without a closing date', () => {
    expect(() => registerRow({ ...FIXTURE[4], open: false }, AS_OF)).toThrow(/PR-T-005: closed without a closing date/);
  });

  it('judges a request answered and reopened for a review by the date its answer went out (45 CFR 164.524(d)(4))', () => {
    const reopened = registerRow({ ...FIXTURE[0], open: true }, AS_OF);
    expect(reopened).toMatchObject({ ...registerRow(FIXTURE[0], AS_OF), open: true });
    expect(registerOutcome(reopened)).toBe('on_time');
  });
});

describe('request register figures', () => {
  const figures = tally(FIXTURE).figures();

  it('gives the hand-computed figures for access, amendment and accounting (45 CFR 164.524(b)(2), 164.526(b)(2), 164.528(c)(1))', () => {
    const byType = Object.fromEntries(figures.byType.map((item) => [item.type, item]));
    // Closed in 15, 30, 31, 47 days: median (30 + 31) / 2. On time 3 of 5 decided (one is open and overdue).
    expect(byType.access).toEqual<TypeFigures>({
      type: 'access',
      received: 5,
      closed: 4,
      onTime: 3,
      late: 2,
      onTimeRate: 0.6,
      medianDaysToClose: 30.5,
      open: 1,
      overdue: 1,
    });
    // Closed in 40 and 63 days: median 51.5. The open one is not yet due, so 1 of 2 decided is on time.
    expect(byType.amendment).toEqual<TypeFigures>({
      type: 'amendment',
      received: 3,
      closed: 2,
      onTime: 1,
      late: 1,
      onTimeRate: 0.5,
      medianDaysToClose: 51.5,
      open: 1,
      overdue: 0,
    });
    // Closed in 7, 20, 20 days: median 20.
    expect(byType.accounting).toEqual<TypeFigures>({
      type: 'accounting',
      received: 4,
      closed: 3,
      onTime: 3,
      late: 0,
      onTimeRate: 1,
      medianDaysToClose: 20,
      open: 1,
      overdue: 0,
    });
  });

  it('totals every type: 7 on time of 10 decided, median of nine closings 30', () => {
    // Days to close, sorted: 7, 15, 20, 20, 30, 31, 40, 47, 63.
    expect(figures.total).toEqual<TypeFigures>({
      type: 'all',
      received: 12,
      closed: 9,
      onTime: 7,
      late: 3,
      onTimeRate: 0.7,
      medianDaysToClose: 30,
      open: 3,
      overdue: 1,
    });
  });

  it('lists every request type in REQUEST_TYPES order, zeros included', () => {
    expect(figures.byType.map((item) => item.type)).toEqual([...REQUEST_TYPES]);
    for (const item of figures.byType.slice(3)) expect(item).toEqual({ type: item.type, ...ZERO });
  });

  it('counts on time and late by month of receipt, open-not-due left out', () => {
    // January: 001, 002, 006, 009 on time, 007 late, 012 not yet due. February: 004, 010 on time, 003 late.
    // March: 011 on time, 005 overdue, 008 not yet due.
    expect(figures.byMonth).toEqual([
      { month: '2026-01', onTime: 4, late: 1 },
      { month: '2026-02', onTime: 2, late: 1 },
      { month: '2026-03', onTime: 1, late: 1 },
    ]);
    expect(figures.period).toEqual(PERIOD);
    expect(figures.asOf).toBe(AS_OF);
  });

  it('lists every month of the period, across a year end, zeros included', () => {
    const empty = new RegisterTally({ from: '2025-11-15', to: '2026-02-03' }, AS_OF).figures();
    expect(empty.byMonth.map((item) => item.month)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(empty.byMonth.every((item) => item.onTime === 0 && item.late === 0)).toBe(true);
    expect(empty.total).toEqual({ type: 'all', ...ZERO });
  });

  it('takes the median of an even count as the mean of the two middle values, to one decimal', () => {
    const closings = [10, 11, 3, 4]; // sorted 3, 4, 10, 11: (4 + 10) / 2 = 7
    const odd = [10, 11, 12]; // 11
    const make = (days: number[], type: string) =>
      days.map((count, index) =>
        request(`PR-M-${type}-${index}`, type, '2026-01-01', '2026-03-31', addCalendarDays('2026-01-01', count), 'done'),
      );
    const result = tally([...make(closings, 'restriction'), ...make(odd, 'complaint'), ...make([1, 2], 'notice_copy')]).figures();
    const byType = Object.fromEntries(result.byType.map((item) => [item.type, item]));
    expect(byType.restriction.medianDaysToClose).toBe(7);
    expect(byType.complaint.medianDaysToClose).toBe(11);
    expect(byType.notice_copy.medianDaysToClose).toBe(1.5);
    // All nine: 1, 2, 3, 4, 10, 10, 11, 11, 12.
    expect(result.total.medianDaysToClose).toBe(10);
  });

  it('tallies 200,000 rows one by one to the expected rate and median (counters and a days-to-close histogram only)', () => {
    const large = new RegisterTally({ from: '2020-01-01', to: '2025-12-31' }, '2026-01-15');
    for (let index = 0; index < 200_000; index += 1) {
      const receivedOn = addCalendarDays('2020-01-01', index % 2190);
      const closedOn = addCalendarDays(receivedOn, index % 45);
      large.add(
        registerRow(
          request(`PR-L-${index}`, REQUEST_TYPES[index % 3], receivedOn, addCalendarDays(receivedOn, 30), closedOn, 'done'),
          '2026-01-15',
        ),
      );
    }
    const result = large.figures();
    expect(result.total.received).toBe(200_000);
    expect(result.byMonth).toHaveLength(72);
    // 0..44 days, evenly spread: 31 of every 45 within 30 days.
    expect(result.total.onTimeRate).toBeCloseTo(31 / 45, 3);
    expect(result.total.medianDaysToClose).toBe(22);
  });

  it('refuses a row it cannot place: received outside the period, or of an unknown type', () => {
    const outside = registerRow(request('PR-T-200', 'access', '2026-04-01', '2026-05-01', null, 'received'), AS_OF);
    expect(() => new RegisterTally(PERIOD, AS_OF).add(outside)).toThrow(/PR-T-200: received 2026-04-01, outside/);
    const unknown = registerRow(request('PR-T-201', 'telepathy', '2026-02-01', '2026-03-01', null, 'received'), AS_OF);
    expect(() => new RegisterTally(PERIOD, AS_OF).add(unknown)).toThrow(/unknown request type telepathy/);
    expect(() => new RegisterTally({ from: '2026-03-01', to: '2026-02-01' }, AS_OF)).toThrow(RangeError);
  });
});
