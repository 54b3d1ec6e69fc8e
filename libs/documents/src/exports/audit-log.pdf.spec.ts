import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pdfFonts, pdfInfo, pdfText, qpdfCheck } from '../../../../test/support/pdf.js';
import { AuditLogPdfWriter, type AuditExportCover, type AuditExportRow } from './audit-log.pdf.js';

/** The text of each page (pdftotext ends each with a form feed), whitespace folded. */
function pageTexts(pdf: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'prd-audit-'));
  try {
    const path = join(dir, 'audit.pdf');
    writeFileSync(path, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return text
      .split('\f')
      .slice(0, -1)
      .map((page) => page.replace(/\s+/g, ' ').trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A deterministic, synthetic id in UUID form. */
function uuid(n: number): string {
  const hex = (k: number) => (Math.imul(n + k, 2654435761) >>> 0).toString(16).padStart(8, '0');
  return `${hex(1)}-${hex(2).slice(0, 4)}-4${hex(3).slice(0, 3)}-8${hex(4).slice(0, 3)}-${hex(5)}${hex(6).slice(0, 4)}`;
}

const hash = (n: number) => `${uuid(n).replace(/-/g, '')}${uuid(n + 1).replace(/-/g, '')}`;

function row(n: number): AuditExportRow {
  return {
    id: String(100_000 + n),
    occurredAt: new Date(Date.UTC(2026, 1, 9, 8) + n * 1_000).toISOString(),
    actor: `user:${uuid(n % 7)}`,
    action: n % 3 === 0 ? 'request.transition' : 'document.view',
    targetType: n % 4 === 1 ? 'accounting_suspension' : 'request',
    targetId: uuid(n + 100),
    patientId: n % 5 === 0 ? null : uuid(n % 11),
    outcome: n % 13 === 0 ? 'denied' : 'success',
    clientAddress: '192.0.2.10',
    requestId: n % 2 ? uuid(n + 300) : `req-${n}`,
    details: JSON.stringify({ documentId: uuid(n + 200), version: n % 4 }),
    hash: n % 17 === 16 ? null : hash(n),
  };
}

function cover(overrides: Partial<AuditExportCover> = {}): AuditExportCover {
  return {
    organisationName: 'Example Community Clinic',
    generatedAt: '2026-02-10T09:30:00.000Z',
    generatedBy: 'user:5f0c7a52-6d0e-4b1e-9d7a-2f0d9a1b3c4d',
    filter: { from: '2026-02-09T00:00:00.000Z', to: '2026-02-10T00:00:00.000Z', patientId: null, actor: null },
    count: 60,
    firstHash: hash(0),
    lastHash: hash(59),
    verification: { ok: true, checked: 1_234, pending: 0 },
    ...overrides,
  };
}

/** A Writable that keeps what it is given, slowly if asked (a small buffer and a pause per chunk). */
function collector(options: { slow?: boolean } = {}) {
  const chunks: Buffer[] = [];
  let finished = false;
  const stream = new Writable({
    highWaterMark: options.slow ? 1024 : 16 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      if (options.slow) setImmediate(callback);
      else callback();
    },
    final(callback) {
      finished = true;
      callback();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks), finished: () => finished };
}

async function exportPdf(rows: AuditExportRow[], coverOverrides: Partial<AuditExportCover> = {}) {
  const output = collector();
  const writer = new AuditLogPdfWriter(output.stream, cover({ count: rows.length, ...coverOverrides }));
  for (let start = 0; start < rows.length; start += 25) await writer.write(rows.slice(start, start + 25));
  await writer.end();
  expect(output.finished()).toBe(true);
  return { pdf: output.bytes(), writer };
}

describe('AuditLogPdfWriter', () => {
  it('exports a cover and a table whose header repeats on every page, to a valid PDF with embedded fonts', async () => {
    const rows = Array.from({ length: 60 }, (_, n) => row(n));
    const { pdf, writer } = await exportPdf(rows);

    expect(qpdfCheck(pdf)).toMatchObject({ ok: true });
    expect(pdfFonts(pdf).every((font) => font.embedded)).toBe(true);
    const perPage = AuditLogPdfWriter.rowsPerPage;
    expect(writer.pages).toBe(1 + Math.ceil(60 / perPage));
    expect(Number(pdfInfo(pdf).Pages)).toBe(writer.pages);
    expect(writer.rows).toBe(60);

    const pages = pageTexts(pdf);
    expect(pages).toHaveLength(writer.pages);
    expect(pages[0]).toContain('Audit log export');
    expect(pages[0]).toContain('Hash chain verified: it holds.');
    expect(pages[0]).toContain('1,234 sealed events');
    expect(pages[0]).toContain('from 2026-02-09T00:00:00.000Z to 2026-02-10T00:00:00.000Z');
    expect(pages[0]).toContain('all patients');
    expect(pages[0]).toContain('all actors');
    expect(pages[0]).toMatch(/Events 60 /);
    expect(pages[0]).toContain(hash(0));
    expect(pages[0]).toContain(hash(59));
    expect(pages[0]).not.toContain('BROKEN');

    pages.slice(1).forEach((text, index) => {
      for (const header of ['Event id', 'Time (UTC)', 'Actor', 'Action', 'Target', 'Outcome', 'Hash', 'Patient id', 'Details'])
        expect(text).toContain(header);
      expect(text).toContain(`Page ${index + 2}`);
    });

    // Every cell of the first row, whole (the hash as its first 12 characters), on page 2.
    const first = rows[0];
    for (const cell of [
      first.id,
      '2026-02-09 08:00:00',
      first.actor,
      first.action,
      `request ${first.targetId}`,
      'denied',
      hash(0).slice(0, 12),
    ])
      expect(pages[1]).toContain(cell);
    expect(pages[1]).toContain('192.0.2.10');
    expect(pages[1]).toContain(first.details);
    // Uuids stay whole on both lines; a long target type gives way to the target's id.
    const second = rows[1];
    for (const id of [second.requestId ?? '', rows[2].patientId ?? '']) expect(pages[1]).toContain(id);
    expect(pages[1]).toMatch(new RegExp(`accounting_s\\S*… ${second.targetId}`));
    expect(pages[1]).not.toContain(hash(0).slice(0, 13));
    // The first row of page 3 is the one after the last of page 2.
    expect(pages[1]).toContain(rows[perPage - 1].id);
    expect(pages[2]).toContain(rows[perPage].id);
    expect(pages[2]).not.toContain(rows[perPage - 1].id);
    // An event without a link says so.
    expect(pages[1]).toContain(`${rows[16].id} 2026-02-09 08:00:16`);
    expect(pages[1]).toContain('unsealed');

    expect(pages[pages.length - 1]).toContain('End of export: 60 events listed.');
  });

  it('says prominently that the chain is broken, at which event and why, and how many events are not yet sealed', async () => {
    const { pdf } = await exportPdf([row(0), row(1)], {
      verification: { ok: false, checked: 41, firstBadId: '100042', reason: 'hash_mismatch', pending: 3 },
    });

    expect(qpdfCheck(pdf)).toMatchObject({ ok: true });
    const [coverPage] = pageTexts(pdf);
    expect(coverPage).toContain('THE HASH CHAIN IS BROKEN');
    expect(coverPage).toContain('It breaks at event 100042: an event was changed after it was recorded.');
    expect(coverPage).toContain('41 sealed events before that point');
    expect(coverPage).toContain('3 events were recorded but not yet sealed');
    expect(coverPage).not.toContain('it holds');
  });

  it.each([
    ['event_missing', 'an event was deleted'],
    ['link_missing', 'a link of the chain is missing'],
  ] as const)('names a %s break in plain words', async (reason, words) => {
    const { pdf } = await exportPdf([], { verification: { ok: false, checked: 0, firstBadId: '7', reason, pending: 0 } });
    expect(pdfText(pdf)).toContain(`It breaks at event 7: ${words}.`);
  });

  it('states the patient and actor filters and exports an empty period with the table closed', async () => {
    const patientId = uuid(3);
    const { pdf, writer } = await exportPdf([], {
      filter: { from: '2026-02-09T00:00:00.000Z', to: '2026-02-10T00:00:00.000Z', patientId, actor: 'system:deadline-check' },
      firstHash: null,
      lastHash: null,
      verification: { ok: true, checked: 0, pending: 1 },
    });

    expect(qpdfCheck(pdf)).toMatchObject({ ok: true });
    expect(writer.pages).toBe(2);
    const [coverPage, table] = pageTexts(pdf);
    expect(coverPage).toContain(`Patient ${patientId}`);
    expect(coverPage).toContain('Actor system:deadline-check');
    expect(coverPage).toContain('none (no events)');
    expect(coverPage).toContain('1 event was recorded but not yet sealed');
    expect(table).toContain('Event id');
    expect(table).toContain('End of export: no events listed.');
  });

  it('prints uuids whole wherever they appear, even the widest (digits only)', async () => {
    const widest = '00000000-0000-4000-8000-000000000000';
    const event = { ...row(2), actor: `user:${widest}`, targetType: 'document', targetId: widest, patientId: widest, requestId: widest };
    const table = pageTexts((await exportPdf([event])).pdf)[1];
    for (const cell of [`user:${widest}`, `document ${widest}`]) expect(table).toContain(cell);
    expect(table.split(widest)).toHaveLength(5);
    expect(table).not.toContain('…');
  });

  it('keeps each cell on its line: a long value is cut with an ellipsis, a newline prints as a space', async () => {
    const long = {
      ...row(1),
      details: JSON.stringify({ ids: Array.from({ length: 40 }, (_, n) => uuid(n)) }),
      action: 'request.\ntransition',
    };
    const { pdf } = await exportPdf([long], { count: 2 });

    const table = pageTexts(pdf)[1];
    expect(table).toContain(`{"ids":["${uuid(0)}"`);
    expect(table).toContain('…');
    expect(table).not.toContain(uuid(39));
    expect(table).toContain('request. transition');
    // The count the cover gave differs from the rows written: the end of the table says so.
    expect(table).toContain('End of export: 1 event listed (the cover counts 2, counted when the export began).');
  });

  it('waits for a slow output to drain, and ends it', async () => {
    const output = collector({ slow: true });
    const writer = new AuditLogPdfWriter(output.stream, cover({ count: 200 }));
    let waited = false;
    output.stream.on('drain', () => (waited = true));
    for (let start = 0; start < 200; start += 50) await writer.write(Array.from({ length: 50 }, (_, n) => row(start + n)));
    await writer.end();

    expect(waited).toBe(true);
    expect(output.finished()).toBe(true);
    expect(output.stream.writableLength).toBe(0);
    const pdf = output.bytes();
    expect(qpdfCheck(pdf)).toMatchObject({ ok: true });
    expect(pdfText(pdf)).toContain('End of export: 200 events listed.');
  });

  it('refuses to write after end()', async () => {
    const output = collector();
    const writer = new AuditLogPdfWriter(output.stream, cover({ count: 0 }));
    await writer.end();
    await expect(writer.write([row(0)])).rejects.toThrow('already ended');
  });

  it('streams 100,000 events in batches of 1,000', async () => {
    let bytes = 0;
    const discard = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        callback();
      },
    });
    const total = 100_000;
    const writer = new AuditLogPdfWriter(discard, cover({ count: total }));
    for (let start = 0; start < total; start += 1_000) await writer.write(Array.from({ length: 1_000 }, (_, n) => row(start + n)));
    await writer.end();

    expect(writer.rows).toBe(total);
    expect(writer.pages).toBe(1 + Math.ceil(total / AuditLogPdfWriter.rowsPerPage));
    expect(bytes).toBeGreaterThan(0);
  }, 60_000);
});
