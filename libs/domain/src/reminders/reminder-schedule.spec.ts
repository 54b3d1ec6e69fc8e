import { endOfDayIn } from '../time/calendar-date.js';
import { instantAtLocalTime, reminderSchedule, type ReminderFacts, type ReminderPolicy, type ReminderStep } from './reminder-schedule.js';

const NY = 'America/New_York';
const POLICY: ReminderPolicy = { offsetsDays: [7, 3, 1], sendAt: '08:00', timeZone: NY };

/** An open, unextended request that may still be extended once. */
function facts(dueOn: string, extra: Partial<ReminderFacts> = {}): ReminderFacts {
  return { dueOn, originalDueOn: dueOn, extended: false, extensionAvailable: true, clockRunning: true, ...extra };
}

function table(steps: ReminderStep[]): [string, string, string, string][] {
  return steps.map((s) => [s.step, s.audience, s.fireAt.toISOString(), s.key]);
}

describe('reminder schedule: reminders before the due date, in the clinic zone across DST (hipaa-rights.md §0: calendar days where the clinic is)', () => {
  it('keeps 08:00 on the New York wall clock across spring-forward on 2026-03-08: 13:00Z in EST, 12:00Z in EDT (hipaa-rights.md §0)', () => {
    const until = new Date('2026-03-11T12:00:00Z');
    expect(table(reminderSchedule(facts('2026-03-10'), POLICY, until))).toEqual([
      ['due_in_7', 'assignee', '2026-03-03T13:00:00.000Z', 'due_in_7:2026-03-10'],
      ['extension_decision', 'assignee', '2026-03-05T13:00:00.000Z', 'extension_decision:2026-03-10'],
      ['due_in_3', 'assignee', '2026-03-07T13:00:00.000Z', 'due_in_3:2026-03-10'],
      ['due_in_1', 'assignee', '2026-03-09T12:00:00.000Z', 'due_in_1:2026-03-10'],
      ['due_today', 'assignee', '2026-03-10T12:00:00.000Z', 'due_today:2026-03-10'],
      ['overdue', 'assignee', '2026-03-11T04:00:00.999Z', 'overdue:2026-03-10'],
      ['overdue_officers', 'privacy_officers', '2026-03-11T12:00:00.000Z', 'overdue_officers:2026-03-10'],
    ]);
  });

  it('keeps 08:00 on the New York wall clock across fall-back on 2026-11-01: 12:00Z in EDT, 13:00Z in EST (hipaa-rights.md §0)', () => {
    const until = new Date('2026-11-04T13:00:00Z');
    expect(table(reminderSchedule(facts('2026-11-03', { extensionAvailable: false }), POLICY, until))).toEqual([
      ['due_in_7', 'assignee', '2026-10-27T12:00:00.000Z', 'due_in_7:2026-11-03'],
      ['due_in_3', 'assignee', '2026-10-31T12:00:00.000Z', 'due_in_3:2026-11-03'],
      ['due_in_1', 'assignee', '2026-11-02T13:00:00.000Z', 'due_in_1:2026-11-03'],
      ['due_today', 'assignee', '2026-11-03T13:00:00.000Z', 'due_today:2026-11-03'],
      ['overdue', 'assignee', '2026-11-04T05:00:00.999Z', 'overdue:2026-11-03'],
      ['overdue_officers', 'privacy_officers', '2026-11-04T13:00:00.000Z', 'overdue_officers:2026-11-03'],
    ]);
  });

  it('gives one step per offset, sorted by fireAt, when offsets come unsorted and repeated (a policy typo must not double-send)', () => {
    const until = new Date('2026-03-10T23:00:00Z');
    const messy = reminderSchedule(facts('2026-03-10'), { ...POLICY, offsetsDays: [1, 7, 3, 7, 1] }, until);
    expect(messy).toEqual(reminderSchedule(facts('2026-03-10'), POLICY, until));
    expect(messy.map((s) => s.step)).toEqual(['due_in_7', 'extension_decision', 'due_in_3', 'due_in_1', 'due_today']);
    expect(new Set(messy.map((s) => s.key)).size).toBe(messy.length);
  });

  it('is not New-York-specific: Pacific/Auckland (NZDT +13 ends 2026-04-05) and Asia/Kolkata (+05:30) fire at their own 08:00 (hipaa-rights.md §0)', () => {
    const auckland = { offsetsDays: [3, 1], sendAt: '08:00', timeZone: 'Pacific/Auckland' };
    // 08:00 in Auckland is the previous UTC evening: the calendar that counts is the local one.
    expect(table(reminderSchedule(facts('2026-04-06', { extensionAvailable: false }), auckland, new Date('2026-04-06T20:00:00Z')))).toEqual(
      [
        ['due_in_3', 'assignee', '2026-04-02T19:00:00.000Z', 'due_in_3:2026-04-06'], // 3 April, NZDT
        ['due_in_1', 'assignee', '2026-04-04T20:00:00.000Z', 'due_in_1:2026-04-06'], // 5 April, NZST
        ['due_today', 'assignee', '2026-04-05T20:00:00.000Z', 'due_today:2026-04-06'],
        ['overdue', 'assignee', '2026-04-06T12:00:00.999Z', 'overdue:2026-04-06'],
        ['overdue_officers', 'privacy_officers', '2026-04-06T20:00:00.000Z', 'overdue_officers:2026-04-06'],
      ],
    );

    const kolkata = { offsetsDays: [1], sendAt: '08:00', timeZone: 'Asia/Kolkata' };
    expect(table(reminderSchedule(facts('2026-03-10', { extensionAvailable: false }), kolkata, new Date('2026-03-11T02:30:00Z')))).toEqual([
      ['due_in_1', 'assignee', '2026-03-09T02:30:00.000Z', 'due_in_1:2026-03-10'],
      ['due_today', 'assignee', '2026-03-10T02:30:00.000Z', 'due_today:2026-03-10'],
      ['overdue', 'assignee', '2026-03-10T18:30:00.999Z', 'overdue:2026-03-10'],
      ['overdue_officers', 'privacy_officers', '2026-03-11T02:30:00.000Z', 'overdue_officers:2026-03-10'],
    ]);
  });
});

describe('reminder schedule: overdue and escalation (45 CFR 164.524(b)(2): no later than the due date)', () => {
  it('marks a request overdue exactly 1 second after the last instant of its due date, even when that day ends at a DST-shifted hour (45 CFR 164.524(b)(2))', () => {
    const steps = reminderSchedule(facts('2026-03-08'), POLICY, new Date('2026-03-10T00:00:00Z'));
    const overdue = steps.find((s) => s.step === 'overdue');
    // 8 March 2026 ends at 23:59:59.999 EDT (03:59:59.999Z), the first New York day on summer time.
    expect(overdue?.fireAt.getTime()).toBe(endOfDayIn('2026-03-08', NY).getTime() + 1000);
    expect(overdue?.fireAt.toISOString()).toBe('2026-03-09T04:00:00.999Z');
    expect(overdue).toMatchObject({ audience: 'assignee', dueOn: '2026-03-08', key: 'overdue:2026-03-08' });
  });

  it('escalates to admins daily at 08:00 local, across spring-forward, up to and including `until` (an unanswered request stays a breach every day)', () => {
    const until = new Date('2026-03-09T12:00:00Z'); // exactly overdue_admins_3
    const late = reminderSchedule(facts('2026-03-05', { extensionAvailable: false }), POLICY, until).filter(
      (s) => s.fireAt >= endOfDayIn('2026-03-05', NY),
    );
    expect(table(late)).toEqual([
      ['overdue', 'assignee', '2026-03-06T05:00:00.999Z', 'overdue:2026-03-05'],
      ['overdue_officers', 'privacy_officers', '2026-03-06T13:00:00.000Z', 'overdue_officers:2026-03-05'],
      ['overdue_admins_1', 'admins', '2026-03-07T13:00:00.000Z', 'overdue_admins_1:2026-03-05'],
      ['overdue_admins_2', 'admins', '2026-03-08T12:00:00.000Z', 'overdue_admins_2:2026-03-05'], // EDT from 02:00 that day
      ['overdue_admins_3', 'admins', '2026-03-09T12:00:00.000Z', 'overdue_admins_3:2026-03-05'],
    ]);
    const justBefore = reminderSchedule(facts('2026-03-05'), POLICY, new Date(until.getTime() - 1));
    expect(justBefore.map((s) => s.step)).not.toContain('overdue_admins_3');
    expect(justBefore.at(-1)?.step).toBe('overdue_admins_2');
  });

  it('leaves out every step after `until` and filters nothing by "now" (the caller knows what was sent)', () => {
    expect(reminderSchedule(facts('2026-03-10'), POLICY, new Date('2026-03-03T12:59:59.999Z'))).toEqual([]);
    expect(reminderSchedule(facts('2026-03-10'), POLICY, new Date('2026-03-03T13:00:00Z')).map((s) => s.step)).toEqual(['due_in_7']);
    // A due date long past still gives its whole series: no Date.now() inside.
    expect(reminderSchedule(facts('2020-01-10'), POLICY, new Date('2020-01-12T13:00:00Z')).map((s) => s.step)).toEqual([
      'due_in_7',
      'extension_decision',
      'due_in_3',
      'due_in_1',
      'due_today',
      'overdue',
      'overdue_officers',
      'overdue_admins_1',
    ]);
  });
});

describe('reminder schedule: extensions (45 CFR 164.524(b)(2)(ii), 164.526(b)(2)(ii), 164.528(c)(1)(ii))', () => {
  it('asks for the extension decision at 08:00 five days before the original due date, so the written notice can go out in time (45 CFR 164.524(b)(2)(ii))', () => {
    const decision = reminderSchedule(facts('2026-02-09'), POLICY, new Date('2026-02-09T00:00:00Z')).find(
      (s) => s.step === 'extension_decision',
    );
    expect(decision).toEqual({
      step: 'extension_decision',
      audience: 'assignee',
      fireAt: new Date('2026-02-04T13:00:00Z'),
      dueOn: '2026-02-09',
      key: 'extension_decision:2026-02-09',
    });
  });

  it('schedules an extended request from its extended due date, with no extension decision left to make (45 CFR 164.524(b)(2)(ii): at most one extension)', () => {
    const extended = facts('2026-04-09', { originalDueOn: '2026-03-10', extended: true, extensionAvailable: false });
    const steps = reminderSchedule(extended, POLICY, new Date('2026-04-10T12:00:00Z'));
    expect(table(steps)).toEqual([
      ['due_in_7', 'assignee', '2026-04-02T12:00:00.000Z', 'due_in_7:2026-04-09'],
      ['due_in_3', 'assignee', '2026-04-06T12:00:00.000Z', 'due_in_3:2026-04-09'],
      ['due_in_1', 'assignee', '2026-04-08T12:00:00.000Z', 'due_in_1:2026-04-09'],
      ['due_today', 'assignee', '2026-04-09T12:00:00.000Z', 'due_today:2026-04-09'],
      ['overdue', 'assignee', '2026-04-10T04:00:00.999Z', 'overdue:2026-04-09'],
      ['overdue_officers', 'privacy_officers', '2026-04-10T12:00:00.000Z', 'overdue_officers:2026-04-09'],
    ]);
    // Even if the caller still says an extension is available, a used one cannot be decided again.
    const stale = reminderSchedule({ ...extended, extensionAvailable: true }, POLICY, new Date('2026-04-10T12:00:00Z'));
    expect(stale.map((s) => s.step)).not.toContain('extension_decision');
  });

  it('has no extension decision when the request type allows no extension (45 CFR 164.524(b)(2)(ii) grants it only where the rule does)', () => {
    const steps = reminderSchedule(facts('2026-03-10', { extensionAvailable: false }), POLICY, new Date('2026-03-20T00:00:00Z'));
    expect(steps.map((s) => s.step)).not.toContain('extension_decision');
    expect(steps.map((s) => s.step)).toContain('due_in_7');
  });

  it('refuses an unextended request whose due date differs from its original one (inconsistent facts would send the wrong reminders)', () => {
    expect(() => reminderSchedule(facts('2026-04-09', { originalDueOn: '2026-03-10' }), POLICY, new Date('2026-05-01T00:00:00Z'))).toThrow(
      RangeError,
    );
  });
});

describe('reminder schedule: clock and policy checks', () => {
  it('schedules nothing when the legal clock is not running (machine.ts: paused or stopped owes no answer by a date)', () => {
    expect(reminderSchedule(facts('2026-03-10', { clockRunning: false }), POLICY, new Date('2027-01-01T00:00:00Z'))).toEqual([]);
  });

  it('refuses a policy with a non-positive or fractional offset, a malformed sendAt, or an invalid `until` (a silent misconfiguration would drop reminders)', () => {
    const until = new Date('2026-03-20T00:00:00Z');
    expect(() => reminderSchedule(facts('2026-03-10'), { ...POLICY, offsetsDays: [7, 0] }, until)).toThrow(RangeError);
    expect(() => reminderSchedule(facts('2026-03-10'), { ...POLICY, offsetsDays: [1.5] }, until)).toThrow(RangeError);
    expect(() => reminderSchedule(facts('2026-03-10'), { ...POLICY, sendAt: '8:00' }, until)).toThrow(RangeError);
    expect(() => reminderSchedule(facts('2026-03-10'), { ...POLICY, sendAt: '24:00' }, until)).toThrow(RangeError);
    expect(() => reminderSchedule(facts('2026-03-10'), POLICY, new Date('not a date'))).toThrow(RangeError);
  });
});

describe('instantAtLocalTime: a wall-clock time in a zone as an instant, across DST gaps and overlaps', () => {
  it('reads an ordinary local time with the offset in force then (EST -05:00, EDT -04:00)', () => {
    expect(instantAtLocalTime('2026-01-15', '08:00', NY).toISOString()).toBe('2026-01-15T13:00:00.000Z');
    expect(instantAtLocalTime('2026-07-15', '08:00', NY).toISOString()).toBe('2026-07-15T12:00:00.000Z');
    expect(instantAtLocalTime('2026-07-15', '00:00', 'UTC').toISOString()).toBe('2026-07-15T00:00:00.000Z');
  });

  it('moves a time skipped by spring-forward on by the jump: 02:30 on 2026-03-08 in New York is 03:30 EDT, 07:30Z (no reminder is lost in the gap)', () => {
    expect(instantAtLocalTime('2026-03-08', '02:30', NY).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // Either side of the gap reads normally.
    expect(instantAtLocalTime('2026-03-08', '01:59', NY).toISOString()).toBe('2026-03-08T06:59:00.000Z');
    expect(instantAtLocalTime('2026-03-08', '03:00', NY).toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });

  it('takes the first occurrence of a time repeated by fall-back: 01:30 on 2026-11-01 in New York is 01:30 EDT, 05:30Z (no reminder fires twice)', () => {
    expect(instantAtLocalTime('2026-11-01', '01:30', NY).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(instantAtLocalTime('2026-11-01', '02:00', NY).toISOString()).toBe('2026-11-01T07:00:00.000Z');
  });

  it('handles zones far from UTC and with half-hour offsets or DST steps (Pacific/Auckland, Asia/Kolkata, Australia/Lord_Howe)', () => {
    // Auckland springs forward 02:00 NZST -> 03:00 NZDT on 2026-09-27.
    expect(instantAtLocalTime('2026-09-27', '02:30', 'Pacific/Auckland').toISOString()).toBe('2026-09-26T14:30:00.000Z'); // 03:30 NZDT
    expect(instantAtLocalTime('2026-09-27', '08:00', 'Pacific/Auckland').toISOString()).toBe('2026-09-26T19:00:00.000Z');
    expect(instantAtLocalTime('2026-03-10', '08:00', 'Asia/Kolkata').toISOString()).toBe('2026-03-10T02:30:00.000Z');
    // Lord Howe falls back only half an hour (02:00 +11:00 -> 01:30 +10:30) on 2026-04-05: 01:45 happens twice.
    expect(instantAtLocalTime('2026-04-05', '01:45', 'Australia/Lord_Howe').toISOString()).toBe('2026-04-04T14:45:00.000Z');
  });

  it('refuses a malformed or impossible date or time', () => {
    expect(() => instantAtLocalTime('2026-02-30', '08:00', NY)).toThrow(RangeError);
    expect(() => instantAtLocalTime('03/08/2026', '08:00', NY)).toThrow(RangeError);
    expect(() => instantAtLocalTime('2026-03-08', '8:00', NY)).toThrow(RangeError);
    expect(() => instantAtLocalTime('2026-03-08', '12:60', NY)).toThrow(RangeError);
  });
});
