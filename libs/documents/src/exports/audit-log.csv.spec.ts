import { parse } from 'csv-parse/sync';
import { auditCsvHeader, auditCsvLine } from './audit-log.csv.js';
import type { AuditExportRow } from './audit-log.pdf.js';

const HASH = 'a3f1'.repeat(16);

const event: AuditExportRow = {
  id: '100042',
  occurredAt: '2026-02-09T08:00:00.123Z',
  actor: 'user:5f0c7a52-6d0e-4b1e-9d7a-2f0d9a1b3c4d',
  action: 'document.view',
  targetType: 'document',
  targetId: '0a1a7c86-a851-4468-8e4c-82f8634a212f',
  patientId: null,
  outcome: 'success',
  clientAddress: '192.0.2.10',
  requestId: null,
  details: '{"documentId":"0a1a7c86-a851-4468-8e4c-82f8634a212f","version":2}',
  hash: HASH,
};

describe('audit-log CSV', () => {
  it('has a CRLF-terminated header naming every column', () => {
    expect(auditCsvHeader()).toBe(
      'id,occurred_at,actor,action,target_type,target_id,patient_id,outcome,client_address,request_id,hash,details\r\n',
    );
  });

  it('writes one CRLF-terminated line per event: full hash, details quoted with their quotes doubled, null as empty', () => {
    expect(auditCsvLine(event)).toBe(
      '100042,2026-02-09T08:00:00.123Z,user:5f0c7a52-6d0e-4b1e-9d7a-2f0d9a1b3c4d,document.view,document,' +
        `0a1a7c86-a851-4468-8e4c-82f8634a212f,,success,192.0.2.10,,${HASH},` +
        '"{""documentId"":""0a1a7c86-a851-4468-8e4c-82f8634a212f"",""version"":2}"\r\n',
    );
  });

  it('reads back as written with an RFC 4180 parser, commas, quotes and line breaks included', () => {
    const awkward: AuditExportRow = { ...event, targetId: 'a,b', requestId: 'say "hi"', clientAddress: 'line\r\nbreak', hash: null };
    const records = parse(auditCsvHeader() + auditCsvLine(event) + auditCsvLine(awkward), { columns: true }) as Record<string, string>[];

    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ id: '100042', hash: HASH, details: event.details, patient_id: '' });
    expect(records[1]).toMatchObject({ target_id: 'a,b', request_id: 'say "hi"', client_address: 'line\r\nbreak', hash: '' });
  });

  it('keeps a spreadsheet from running a value as a formula', () => {
    const hostile: AuditExportRow = {
      ...event,
      targetId: '=HYPERLINK("http://example.invalid")',
      requestId: '+1',
      clientAddress: '@SUM(A1)',
    };
    const [record] = parse(auditCsvHeader() + auditCsvLine(hostile), { columns: true }) as Record<string, string>[];

    expect(record).toMatchObject({ target_id: `'=HYPERLINK("http://example.invalid")`, request_id: "'+1", client_address: "'@SUM(A1)" });
  });
});
