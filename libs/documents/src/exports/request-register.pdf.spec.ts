import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { addCalendarDays, REQUEST_TYPES, RegisterTally, registerRow, type RegisterRequest, type RegisterRow } from '#domain';
import { pdfFonts, pdfInfo, pdfText, qpdfCheck, renderFirstPage } from '../../../../test/support/pdf.js';
import { RegisterPdfWriter, type RegisterPdfHeader } from './request-register.pdf.js';

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

/** The synthetic register of libs/domain/src/compliance/request-register.spec.ts: access 60.0% on time, amendment 50.0%, accounting 100.0%. */
const FIXTURE: RegisterRow[] = [
  request('PR-T-001', 'access', '2026-01-05', '2026-02-04', '2026-01-20', 'fulfilled'),
  request('PR-T-002', 'access', '2026-01-12', '2026-02-11', '2026-02-11', 'fulfilled'),
  request('PR-T-003', 'access', '2026-02-02', '2026-03-04', '2026-03-05', 'denied'),
  request('PR-T-004', 'access', '2026-02-20', '2026-04-21', '2026-04-08', 'fulfilled', '2026-03-22'),
  request('PR-T-005', 'access', '2026-03-03', '2026-04-02', null, 'in_progress'),
  request('PR-T-006', 'amendment', '2026-01-08', '2026-03-09', '2026-02-17', 'accepted'),
  request('PR-T-007', 'amendment', '2026-01-26', '2026-03-27', '2026-03-30', 'closed_with_disagreement'),
  request('PR-T-008', 'amendment', '2026-03-16', '2026-05-15', null, 'received'),
  request('PR-T-009', 'accounting', '2026-01-15', '2026-03-16', '2026-02-04', 'provided'),
  request('PR-T-010', 'accounting', '2026-02-10', '2026-04-11', '2026-03-02', 'provided'),
  request('PR-T-011', 'accounting', '2026-03-05', '2026-05-04', '2026-03-12', 'provided'),
  request('PR-T-012', 'accounting', '2026-01-20', '2026-04-20', null, 'extended', '2026-03-21'),
].map((item) => registerRow(item, AS_OF));

function header(rows: readonly RegisterRow[], period = PERIOD): RegisterPdfHeader {
  const tally = new RegisterTally(period, AS_OF);
  for (const row of rows) tally.add(row);
  return {
    organisationName: 'Example Community Clinic',
    generatedAt: '2026-04-10T15:30:00.000Z',
    generatedBy: 'Morgan Auditor (staff)',
    figures: tally.figures(),
  };
}

/** Writes `rows` in batches to a PassThrough and collects the bytes. */
async function render(rows: readonly RegisterRow[], period = PERIOD, batch = 1_000): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const writer = new RegisterPdfWriter(output, header(rows, period));
  for (let index = 0; index < rows.length; index += batch) await writer.write(rows.slice(index, index + batch));
  await writer.end();
  return Buffer.concat(chunks);
}

/** Runs `work` on the PDF written to a temporary file. */
function withFile<T>(pdf: Buffer, work: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'prd-register-'));
  try {
    const path = join(dir, 'register.pdf');
    writeFileSync(path, pdf);
    return work(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The text of pages first..last (1-based; pdftotext ends each page with a form feed), whitespace
 * folded; in layout mode, so that a table row reads as one line, left to right.
 */
function pageTexts(pdf: Buffer, first: number, last: number): string[] {
  return withFile(pdf, (path) =>
    execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-f', String(first), '-l', String(last), path, '-'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
      .split('\f')
      .slice(0, last - first + 1)
      .map((page) => page.replace(/\s+/g, ' ').trim()),
  );
}

/** Page 1's drawing operators, uncompressed by qpdf's QDF mode (between its "Contents for page 1" and "Contents for page 2" comments). */
function firstPageContent(pdf: Buffer): string {
  return withFile(pdf, (path, dir) => {
    const qdf = join(dir, 'register.qdf.pdf');
    const run = spawnSync('qpdf', ['--qdf', '--object-streams=disable', path, qdf]);
    expect(run.status).toBe(0);
    const text = readFileSync(qdf, 'latin1');
    const start = text.indexOf('%% Contents for page 1');
    const end = text.indexOf('%% Contents for page 2', start);
    expect(start).toBeGreaterThan(-1);
    return text.slice(start, end === -1 ? undefined : end);
  });
}

/** Synthetic rows across every type, received across 2025, judged on 2026-04-10. */
function manyRows(count: number): RegisterRow[] {
  return Array.from({ length: count }, (_, index) => {
    const receivedOn = addCalendarDays('2025-01-01', Math.floor((index * 365) / count));
    const originalDueOn = addCalendarDays(receivedOn, 30);
    const extended = index % 7 === 0;
    const dueOn = extended ? addCalendarDays(originalDueOn, 30) : originalDueOn;
    const closedOn = index % 50 === 49 ? null : addCalendarDays(receivedOn, index % 67);
    return registerRow(
      {
        reference: `PR-2025-${String(index + 1).padStart(6, '0')}`,
        type: REQUEST_TYPES[index % REQUEST_TYPES.length],
        status: closedOn === null ? 'in_progress' : index % 5 === 0 ? 'denied' : 'fulfilled',
        open: closedOn === null,
        receivedOn,
        dueOn,
        originalDueOn,
        extended,
        closedOn,
      },
      AS_OF,
    );
  });
}

describe('request register PDF', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await render(FIXTURE);
  });

  it('is a valid PDF with the register title and organisation in its metadata and every font embedded', () => {
    expect(qpdfCheck(pdf)).toMatchObject({ ok: true });
    expect(pdfInfo(pdf)).toMatchObject({
      Title: 'Request register, 2026-01-01 to 2026-03-31',
      Author: 'Example Community Clinic',
      Pages: '2',
      'Page size': expect.stringContaining('792 x 612'),
    });
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((font) => font.embedded)).toBe(true);
    expect(fonts.every((font) => font.name.includes('DejaVu'))).toBe(true);
  });

  it('shows the period and the figures by type on page 1 (45 CFR 164.524(b)(2), 164.526(b)(2), 164.528(c)(1))', () => {
    const [page] = pageTexts(pdf, 1, 1);
    expect(page).toContain('Request register');
    expect(page).toContain('Patient-rights requests received 2026-01-01 to 2026-03-31; open and overdue as of 2026-04-10.');
    expect(page).toContain('Generated 2026-04-10T15:30:00.000Z by Morgan Auditor (staff).');
    // Type, received, closed, on time, late, on-time rate, median days to close, open, overdue.
    expect(page).toContain('Access 5 4 3 2 60.0% 30.5 1 1');
    expect(page).toContain('Amendment 3 2 1 1 50.0% 51.5 1 0');
    expect(page).toContain('Accounting 4 3 3 0 100.0% 20 1 0');
    expect(page).toContain('Restriction 0 0 0 0 — — 0 0');
    expect(page).toContain('All types 12 9 7 3 70.0% 30 3 1');
    expect(page).toContain('Page 1');
  });

  it('draws the bar chart on page 1: a filled rectangle per non-zero bar, axes and legend', () => {
    const [page] = pageTexts(pdf, 1, 1);
    for (const label of [
      'On time and late, by month received',
      'On time',
      'Late (closed late, or open past due)',
      'Month received',
      'Requests',
    ])
      expect(page).toContain(label);
    for (const month of ['2026-01', '2026-02', '2026-03']) expect(page).toContain(month);
    const content = firstPageContent(pdf);
    // Filled rectangles ("x y w h re", the fill colour, "f"): six bars (each month has on-time
    // and late requests), two legend swatches and the figures table's header band.
    const filled = (colour: string) => new RegExp(` re\\s+/DeviceRGB cs\\s+${colour} scn\\s+f\\b`, 'g');
    expect(content.match(filled('[\\d. ]+'))).toHaveLength(9);
    // Each bar colour (#1f5fa8, #e08a2c, as PDFKit's 0-1 RGB) fills a legend swatch and three bars.
    expect(content.match(filled('0\\.1215\\d* 0\\.3725\\d* 0\\.6588\\d*'))).toHaveLength(4);
    expect(content.match(filled('0\\.8784\\d* 0\\.5411\\d* 0\\.1725\\d*'))).toHaveLength(4);
  });

  it('renders page 1 to an image for a person to look at', () => {
    const path = renderFirstPage(pdf, 'request-register-page1');
    expect(existsSync(path)).toBe(true);
    expect(statSync(path).size).toBeGreaterThan(10_000);
  });

  it('lists every row with its due date, extension, decision, closing date and result; references only', () => {
    const [page] = pageTexts(pdf, 2, 2);
    for (const header of ['Reference', 'Type', 'Received', 'Due', 'Originally due', 'Status / decision', 'Closed', 'On time / late'])
      expect(page).toContain(header);
    expect(page).toContain('PR-T-002 Access 2026-01-12 2026-02-11 fulfilled 2026-02-11 On time');
    expect(page).toContain('PR-T-003 Access 2026-02-02 2026-03-04 denied 2026-03-05 Late 1 day');
    expect(page).toContain('PR-T-004 Access 2026-02-20 2026-04-21 (extended) 2026-03-22 fulfilled 2026-04-08 On time');
    expect(page).toContain('PR-T-005 Access 2026-03-03 2026-04-02 in progress open Overdue 8 days');
    expect(page).toContain('PR-T-007 Amendment 2026-01-26 2026-03-27 closed with disagreement 2026-03-30 Late 3 days');
    expect(page).toContain('PR-T-012 Accounting 2026-01-20 2026-04-20 (extended) 2026-03-21 extended open Not yet due');
    expect(page).toContain('Page 2');
  });

  it('writes an empty register: figures of zeros, an empty chart and a rows page that says so', async () => {
    const empty = await render([]);
    expect(qpdfCheck(empty)).toMatchObject({ ok: true });
    const text = pdfText(empty);
    expect(text).toContain('All types 0 0 0 0 — — 0 0');
    expect(text).toContain('No request in the period has been decided yet.');
    expect(text).toContain('No requests were received in this period.');
  });

  it('waits for the output to drain before resolving write(), and ends the output when the PDF is complete', async () => {
    const received: Buffer[] = [];
    const held: (() => void)[] = [];
    let holding = true;
    // A slow destination: while `holding`, it takes a write and holds its callback, so nothing more reaches it.
    const output = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        received.push(chunk);
        if (holding) held.push(callback);
        else callback();
      },
    });
    const rows = manyRows(3_000);
    const writer = new RegisterPdfWriter(output, header(rows, { from: '2025-01-01', to: '2025-12-31' }));
    let settled = false;
    const writing = writer.write(rows).then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(settled).toBe(false);
    expect(received.length).toBe(1);
    holding = false;
    for (const callback of held.splice(0)) callback();
    await writing;
    expect(settled).toBe(true);
    await writer.end();
    expect(output.writableFinished).toBe(true);
    const bytes = Buffer.concat(received);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(qpdfCheck(bytes)).toMatchObject({ ok: true });
  });

  it('refuses to write after end()', async () => {
    const output = new PassThrough();
    output.resume();
    const writer = new RegisterPdfWriter(output, header([]));
    await writer.end();
    await expect(writer.write(FIXTURE)).rejects.toThrow('already been ended');
  });

  it('renders 20,000 rows in seconds, the header and page number on every page and the last row on the last page', async () => {
    const rows = manyRows(20_000);
    const started = Date.now();
    const large = await render(rows, { from: '2025-01-01', to: '2025-12-31' });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(20_000);

    expect(qpdfCheck(large)).toMatchObject({ ok: true });
    const count = Number(pdfInfo(large).Pages);
    // 39 rows a page after page 1.
    expect(count).toBe(1 + Math.ceil(20_000 / 39));
    const [first] = pageTexts(large, 1, 1);
    expect(first).toContain('2025-12');
    const [last] = pageTexts(large, count, count);
    expect(last).toContain('Reference');
    expect(last).toContain('PR-2025-020000');
    expect(last).toContain(`Page ${count}`);
    for (const [index, text] of pageTexts(large, 250, 252).entries()) {
      expect(text).toContain('Status / decision');
      expect(text).toContain(`Page ${250 + index}`);
    }
  }, 60_000);
});
