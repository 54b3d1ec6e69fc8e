import { registerOutcome, type RegisterRow } from '#domain';

/**
 * The request register as CSV (RFC 4180): the PDF's columns, with codes rather than
 * labels (the type, status and result as the system stores them) so that an
 * auditor's spreadsheet can filter on them, and the PDF's due-date cell split into
 * due date, extended and original due date. ISO dates; CRLF after every line.
 */
const COLUMNS = [
  'reference',
  'type',
  'received_on',
  'due_on',
  'extended',
  'original_due_on',
  'status',
  'closed_on',
  'result',
  'days_late',
] as const;

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): such a value
// gets a leading apostrophe, as in the audit-log CSV (OWASP's advice). Today's cells are the system's
// own codes and dates, which never start so; the guard keeps it that way whatever a column comes to hold.
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180 section 2: a field holding a comma, quote or line break is quoted, its quotes doubled. */
function field(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function registerCsvHeader(): string {
  return `${COLUMNS.join(',')}\r\n`;
}

/** One row; `days_late` is 0 when on time and empty while an open request is not yet due. */
export function registerCsvLine(row: RegisterRow): string {
  const cells: Record<(typeof COLUMNS)[number], string> = {
    reference: row.reference,
    type: row.type,
    received_on: row.receivedOn,
    due_on: row.dueOn,
    extended: row.extended ? 'yes' : 'no',
    original_due_on: row.originalDueOn,
    status: row.status,
    closed_on: row.closedOn ?? '',
    result: registerOutcome(row),
    days_late: row.daysLate === null ? '' : String(row.daysLate),
  };
  return `${COLUMNS.map((column) => field(cells[column])).join(',')}\r\n`;
}
