import type { AuditExportRow } from './audit-log.pdf.js';

// Name and value of each column, in order: the header and the lines cannot drift apart.
const COLUMNS: [string, (row: AuditExportRow) => string | null][] = [
  ['id', (row) => row.id],
  ['occurred_at', (row) => row.occurredAt],
  ['actor', (row) => row.actor],
  ['action', (row) => row.action],
  ['target_type', (row) => row.targetType],
  ['target_id', (row) => row.targetId],
  ['patient_id', (row) => row.patientId],
  ['outcome', (row) => row.outcome],
  ['client_address', (row) => row.clientAddress],
  ['request_id', (row) => row.requestId],
  ['hash', (row) => row.hash],
  ['details', (row) => row.details],
];
const HEADER = `${COLUMNS.map(([name]) => name).join(',')}\r\n`;

const NEEDS_QUOTES = /[",\r\n]/;
// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection). A target
// id, a request id or a client address can come from outside, so such a value gets a leading
// apostrophe, which spreadsheets hide and treat as "text" (OWASP's advice).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, quoted as RFC 4180 says: only when needed, with quotes doubled; null is an empty field. */
function field(value: string | null): string {
  if (value === null) return '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header line of the audit-log CSV, CRLF-terminated. */
export function auditCsvHeader(): string {
  return HEADER;
}

/** One event as a CSV line, CRLF-terminated: the PDF's columns, with the full hash and details. */
export function auditCsvLine(row: AuditExportRow): string {
  return `${COLUMNS.map(([, value]) => field(value(row))).join(',')}\r\n`;
}
