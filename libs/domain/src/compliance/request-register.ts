/**
 * The request register an auditor asks for: every patient-rights request received
 * in a period, judged against its deadline, and the figures that sum it up.
 *
 * Decisions, so that a reviewer can check them against the rule:
 * - The deadline is the governing `dueOn`: after an extension, the extended date.
 *   45 CFR 164.524(b)(2), 164.526(b)(2) and 164.528(c)(1) each allow one extension
 *   that replaces the original date, so a request closed within it was answered in
 *   time even if after the original date. For a type the law sets no deadline for,
 *   `dueOn` is the clinic's policy target (deadline-rules.ts) and is judged the same way.
 * - A request closed on its due date is on time: the covered entity acts "no later
 *   than" the date (164.524(b)(2), 164.526(b)(2), 164.528(c)(1)).
 * - Days are calendar days, as HIPAA counts them (the same sections), from the
 *   organisation's calendar dates; no weekend or holiday is skipped.
 * - An open request past its due date counts as late (and overdue) now: leaving it
 *   out would make a register look better the longer requests sit unanswered.
 *   An open request not yet due is neither on time nor late.
 * - The median of an even count is the mean of the two middle values, rounded to
 *   one decimal.
 */

import { REQUEST_TYPES } from '../requests/request-types.js';
import { daysBetween } from '../time/calendar-date.js';

export interface RegisterRequest {
  reference: string;
  type: string;
  /** The decision label, e.g. 'provided', 'denied': the status when closed. */
  status: string;
  open: boolean;
  receivedOn: string;
  /** The governing due date: the extended date after an extension. */
  dueOn: string;
  originalDueOn: string;
  extended: boolean;
  closedOn: string | null;
}

export interface RegisterRow extends RegisterRequest {
  /** true: closed on or before dueOn; false: closed after, or open and past due on `today`; null: open and not yet due */
  onTime: boolean | null;
  /** whole days after dueOn that it closed (or, open, that today is), 0 when on time, null while open and not due */
  daysLate: number | null;
  /** calendar days from receipt to closing; null while open */
  daysToClose: number | null;
}

/** How a row reads in one word: the register's result column. */
export type RegisterOutcome = 'on_time' | 'late' | 'overdue' | 'not_yet_due';

/**
 * Judges one request as of `today` (the organisation's calendar date). A request
 * answered and then reopened (a denial under review, 45 CFR 164.524(d)(4)) keeps the
 * date its answer went out: it is judged by that date. Refuses a closed request
 * without a closing date rather than guess when it closed.
 */
export function registerRow(request: RegisterRequest, today: string): RegisterRow {
  if (!request.open && request.closedOn === null) {
    throw new RangeError(`request ${request.reference}: closed without a closing date`);
  }
  if (request.closedOn !== null) {
    const late = daysBetween(request.dueOn, request.closedOn);
    return {
      ...request,
      onTime: late <= 0,
      daysLate: Math.max(0, late),
      daysToClose: daysBetween(request.receivedOn, request.closedOn),
    };
  }
  const overdue = daysBetween(request.dueOn, today);
  return overdue > 0
    ? { ...request, onTime: false, daysLate: overdue, daysToClose: null }
    : { ...request, onTime: null, daysLate: null, daysToClose: null };
}

/** 'late' is closed after the due date; 'overdue' is still open after it. */
export function registerOutcome(row: RegisterRow): RegisterOutcome {
  if (row.onTime === null) return 'not_yet_due';
  if (row.onTime) return 'on_time';
  return row.open && row.closedOn === null ? 'overdue' : 'late';
}

export interface TypeFigures {
  type: string;
  received: number;
  closed: number;
  /** Rows with onTime true. */
  onTime: number;
  /** Rows with onTime false: closed late, or open past due. */
  late: number;
  /** onTime / (onTime + late), 0..1; null when none is decided. */
  onTimeRate: number | null;
  medianDaysToClose: number | null;
  open: number;
  /** Open and past due as of the register's date. */
  overdue: number;
}

export interface MonthFigures {
  /** YYYY-MM of receipt. */
  month: string;
  onTime: number;
  late: number;
}

export interface RegisterFigures {
  period: { from: string; to: string };
  asOf: string;
  /** Every type together; type 'all'. */
  total: TypeFigures;
  /** Every REQUEST_TYPES entry, in that order, zeros included. */
  byType: TypeFigures[];
  /** Every month of the period in order, zeros included. */
  byMonth: MonthFigures[];
}

/**
 * Counters for one type. Days to close are kept as a histogram (days -> how many),
 * not a list: a median needs the values, but a million requests close in a few
 * hundred distinct day counts.
 */
class TypeTally {
  received = 0;
  closed = 0;
  onTime = 0;
  late = 0;
  open = 0;
  overdue = 0;
  readonly daysToClose = new Map<number, number>();

  constructor(readonly type: string) {}

  add(row: RegisterRow): void {
    this.received += 1;
    if (row.onTime === true) this.onTime += 1;
    if (row.onTime === false) this.late += 1;
    if (row.open) {
      this.open += 1;
      if (row.onTime === false) this.overdue += 1;
    } else {
      this.closed += 1;
      if (row.daysToClose !== null) this.daysToClose.set(row.daysToClose, (this.daysToClose.get(row.daysToClose) ?? 0) + 1);
    }
  }

  figures(): TypeFigures {
    const decided = this.onTime + this.late;
    return {
      type: this.type,
      received: this.received,
      closed: this.closed,
      onTime: this.onTime,
      late: this.late,
      onTimeRate: decided === 0 ? null : this.onTime / decided,
      medianDaysToClose: median(this.daysToClose),
      open: this.open,
      overdue: this.overdue,
    };
  }
}

/** The median of a histogram of whole numbers; an even count takes the mean of the two middle values, to one decimal. */
function median(histogram: ReadonlyMap<number, number>): number | null {
  let count = 0;
  for (const times of histogram.values()) count += times;
  if (count === 0) return null;
  const values = [...histogram.keys()].sort((a, b) => a - b);
  // 0-based positions of the middle value(s): equal for an odd count.
  const low = Math.floor((count - 1) / 2);
  const high = Math.floor(count / 2);
  let seen = 0;
  let lowValue: number | null = null;
  for (const value of values) {
    seen += histogram.get(value) ?? 0;
    if (lowValue === null && seen > low) lowValue = value;
    if (seen > high) return Math.round(((lowValue ?? value) + value) * 5) / 10;
  }
  return lowValue;
}

/** Every YYYY-MM from `from`'s month to `to`'s, in order. */
function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    month += 1;
    if (month === 13) [year, month] = [year + 1, 1];
  }
}

/**
 * Streams: add rows one by one (a million fit: only counters and, for the median,
 * a histogram of days to close per type are kept), then `figures()`. Refuses a row
 * it cannot place (received outside the period, or of an unknown type) rather than
 * print figures that do not add up to the rows beside them.
 */
export class RegisterTally {
  private readonly total = new TypeTally('all');
  private readonly byType = new Map<string, TypeTally>(REQUEST_TYPES.map((type) => [type, new TypeTally(type)]));
  private readonly byMonth: Map<string, { onTime: number; late: number }>;

  constructor(
    private readonly period: { from: string; to: string },
    private readonly asOf: string,
  ) {
    // daysBetween also checks that both are ISO dates.
    if (daysBetween(period.from, period.to) < 0) throw new RangeError(`the period ends (${period.to}) before it starts (${period.from})`);
    daysBetween(asOf, asOf);
    this.byMonth = new Map(monthsOf(period.from, period.to).map((month) => [month, { onTime: 0, late: 0 }]));
  }

  add(row: RegisterRow): void {
    const type = this.byType.get(row.type);
    if (!type) throw new RangeError(`request ${row.reference}: unknown request type ${row.type}`);
    if (row.receivedOn < this.period.from || row.receivedOn > this.period.to) {
      throw new RangeError(`request ${row.reference}: received ${row.receivedOn}, outside ${this.period.from} to ${this.period.to}`);
    }
    type.add(row);
    this.total.add(row);
    const month = this.byMonth.get(row.receivedOn.slice(0, 7));
    if (month && row.onTime === true) month.onTime += 1;
    if (month && row.onTime === false) month.late += 1;
  }

  figures(): RegisterFigures {
    return {
      period: { ...this.period },
      asOf: this.asOf,
      total: this.total.figures(),
      byType: [...this.byType.values()].map((tally) => tally.figures()),
      byMonth: [...this.byMonth].map(([month, counts]) => ({ month, ...counts })),
    };
  }
}
