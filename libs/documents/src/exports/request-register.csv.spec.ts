import { parse } from 'csv-parse/sync';
import { registerRow, type RegisterRequest } from '#domain';
import { registerCsvHeader, registerCsvLine } from './request-register.csv.js';

const AS_OF = '2026-04-10';

function row(overrides: Partial<RegisterRequest> = {}) {
  return registerRow(
    {
      reference: 'PR-2026-000001',
      type: 'access',
      status: 'fulfilled',
      open: false,
      receivedOn: '2026-02-20',
      dueOn: '2026-03-22',
      originalDueOn: '2026-03-22',
      extended: false,
      closedOn: '2026-03-20',
      ...overrides,
    },
    AS_OF,
  );
}

describe('request register CSV (RFC 4180)', () => {
  it('has the PDF columns, as codes, with a CRLF after the header', () => {
    expect(registerCsvHeader()).toBe('reference,type,received_on,due_on,extended,original_due_on,status,closed_on,result,days_late\r\n');
  });

  it('writes a closed, on-time request with ISO dates and 0 days late', () => {
    expect(registerCsvLine(row())).toBe('PR-2026-000001,access,2026-02-20,2026-03-22,no,2026-03-22,fulfilled,2026-03-20,on_time,0\r\n');
  });

  it('writes an extended request closed late against the extended date, with the original due date beside it', () => {
    const line = registerCsvLine(row({ dueOn: '2026-04-21', extended: true, closedOn: '2026-04-23', status: 'denied' }));
    expect(line).toBe('PR-2026-000001,access,2026-02-20,2026-04-21,yes,2026-03-22,denied,2026-04-23,late,2\r\n');
  });

  it('writes an open request as overdue by the days to the register date, or not yet due with days late empty', () => {
    expect(
      registerCsvLine(row({ open: true, closedOn: null, status: 'in_progress', dueOn: '2026-04-02', originalDueOn: '2026-04-02' })),
    ).toBe('PR-2026-000001,access,2026-02-20,2026-04-02,no,2026-04-02,in_progress,,overdue,8\r\n');
    expect(registerCsvLine(row({ open: true, closedOn: null, status: 'received', dueOn: '2026-05-15', originalDueOn: '2026-05-15' }))).toBe(
      'PR-2026-000001,access,2026-02-20,2026-05-15,no,2026-05-15,received,,not_yet_due,\r\n',
    );
  });

  it('quotes a field holding a comma, a quote or a line break and doubles its quotes (RFC 4180 section 2, rules 6 and 7)', () => {
    const line = registerCsvLine(row({ reference: 'PR "A", part\r\n2', status: 'provided,late' }));
    expect(line).toBe('"PR ""A"", part\r\n2",access,2026-02-20,2026-03-22,no,2026-03-22,"provided,late",2026-03-20,on_time,0\r\n');
    // A standard parser reads back exactly the fields written.
    const [parsed] = parse(registerCsvHeader() + line, { columns: true }) as Record<string, string>[];
    expect(parsed).toMatchObject({ reference: 'PR "A", part\r\n2', status: 'provided,late', days_late: '0' });
  });
});
